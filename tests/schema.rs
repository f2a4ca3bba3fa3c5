//! The JSON Schema editors read: the committed file is `brief schema`'s
//! output; its tables have exactly the fields the loader accepts (read
//! from the loader's own "unknown field" help, table by table); the shipped
//! briefings validate against it, and broken ones do not.

#[path = "common/isolated.rs"]
mod isolated;

use std::collections::BTreeSet;

use brief::Briefing;
use serde_json::Value;

const COMMITTED: &str = "schemas/briefing-1.schema.json";
const EXAMPLE: &str = "briefings/example.toml";

fn schema() -> Value {
    serde_json::from_str(&brief::schema::schema()).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("a valid draft-07 schema")
}

/// A TOML document as the JSON a language server validates: dates become
/// their text, as taplo and tombi make them.
fn to_json(text: &str) -> Value {
    fn convert(value: toml::Value) -> Value {
        match value {
            toml::Value::String(s) => Value::from(s),
            toml::Value::Integer(n) => Value::from(n),
            toml::Value::Float(f) => Value::from(f),
            toml::Value::Boolean(b) => Value::from(b),
            toml::Value::Datetime(d) => Value::from(d.to_string()),
            toml::Value::Array(items) => Value::Array(items.into_iter().map(convert).collect()),
            toml::Value::Table(table) => {
                Value::Object(table.into_iter().map(|(k, v)| (k, convert(v))).collect())
            }
        }
    }
    convert(toml::Value::Table(
        toml::from_str::<toml::Table>(text).expect("TOML"),
    ))
}

fn errors(text: &str) -> Vec<String> {
    let validator = validator();
    let instance = to_json(text);
    validator
        .iter_errors(&instance)
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn the_committed_schema_is_what_brief_schema_prints() {
    let home = tempfile::tempdir().expect("home");
    let out = isolated::brief(home.path())
        .arg("schema")
        .output()
        .expect("brief runs");
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    let committed = std::fs::read_to_string(COMMITTED).expect("committed schema");
    assert!(
        printed == committed,
        "{COMMITTED} is not `brief schema`'s output: run `cargo run -- schema > {COMMITTED}`"
    );
    assert_eq!(printed, brief::schema::schema());
}

/// Where in the example each of the schema's tables is, as the text that
/// opens it; a key is added right after it.
const TABLES: [(&str, &str); 11] = [
    ("", "format = 1\n"),
    ("briefing", "[briefing]\n"),
    (
        "key_judgment",
        "{ text = \"Bexia is likely to renew the lease, but on shorter terms.\", ",
    ),
    ("source", "[[sources]]\n"),
    ("actor", "[[actors]]\n"),
    ("issue", "[[issues]]\n"),
    ("position", "[[issues.positions]]\n"),
    ("quote", "[[quotes]]\n"),
    ("event", "[[events]]\n"),
    ("claim", "[[claims]]\n"),
    ("version", "[[claims.versions]]\n"),
];

/// The example with `key = 1` added to the first table `opening` starts.
fn with_key(opening: &str, key: &str) -> String {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let at = text.find(opening).expect("the table is in the example") + opening.len();
    let added = if opening.starts_with('{') {
        format!("{key} = 1, ")
    } else {
        format!("{key} = 1\n")
    };
    format!("{}{added}{}", &text[..at], &text[at..])
}

/// The fields the loader accepts in a table: it lists them when a field it
/// does not know is not close to any of them.
fn loader_fields(opening: &str) -> BTreeSet<String> {
    let text = with_key(opening, "qqqqqqqqqqqqqqqq");
    let report = Briefing::from_str(&text, "t.toml").expect_err("an unknown field");
    let help = report
        .diagnostics
        .iter()
        .find(|d| d.message.starts_with("unknown field `qqqqqqqqqqqqqqqq`"))
        .and_then(|d| d.help.clone())
        .expect("the unknown field's help");
    let list = help
        .strip_prefix("the fields here are: ")
        .unwrap_or_else(|| panic!("no list of fields: {help}"));
    list.split(", ").map(str::to_string).collect()
}

fn schema_fields(schema: &Value, def: &str) -> BTreeSet<String> {
    let table = match def {
        "" => schema,
        _ => &schema["definitions"][def],
    };
    let table = match def {
        "briefing" => &schema["properties"]["briefing"],
        _ => table,
    };
    table["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("no properties for {def:?}"))
        .keys()
        .cloned()
        .collect()
}

#[test]
fn every_table_has_exactly_the_fields_the_loader_accepts() {
    let schema = schema();
    let definitions: BTreeSet<String> = schema["definitions"]
        .as_object()
        .expect("definitions")
        .keys()
        .cloned()
        .collect();
    let checked: BTreeSet<String> = TABLES
        .iter()
        .map(|(def, _)| def.to_string())
        .filter(|d| !d.is_empty() && d != "briefing")
        .collect();
    assert_eq!(definitions, checked, "a table of the schema is not checked");
    for (def, opening) in TABLES {
        assert_eq!(
            schema_fields(&schema, def),
            loader_fields(opening),
            "the fields of {def:?}"
        );
        let table = match def {
            "" => &schema,
            "briefing" => &schema["properties"]["briefing"],
            _ => &schema["definitions"][def],
        };
        assert_eq!(table["additionalProperties"], Value::Bool(false), "{def:?}");
    }
}

#[test]
fn a_field_the_schema_does_not_know_fails_both_the_schema_and_the_loader() {
    for (def, opening) in TABLES {
        let text = with_key(opening, "speeker");
        assert!(
            !errors(&text).is_empty(),
            "the schema accepts speeker in {def:?}"
        );
        let report = Briefing::from_str(&text, "t.toml").expect_err("unknown field");
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.starts_with("unknown field `speeker`")),
            "{def:?}"
        );
    }
}

#[test]
fn the_shipped_briefings_and_fixtures_validate() {
    for path in [
        "briefings/example.toml",
        "briefings/syria-russia-2025.toml",
        "tests/fixtures/signed/example.toml",
        "tests/fixtures/fingerprints.toml",
        "tests/fixtures/lint/every-lint.toml",
    ] {
        let text = std::fs::read_to_string(path).expect("read");
        Briefing::from_str(&text, path).expect("loads");
        assert_eq!(errors(&text), Vec::<String>::new(), "{path}");
    }
    let generated = brief::generate::briefing(20_000, 3);
    Briefing::from_str(&generated, "generated").expect("loads");
    assert_eq!(errors(&generated), Vec::<String>::new(), "generated");
}

#[test]
fn broken_briefings_fail_the_schema() {
    let example = std::fs::read_to_string(EXAMPLE).expect("example");
    let broken = |from: &str, to: &str| {
        assert!(example.contains(from), "{from}");
        example.replacen(from, to, 1)
    };
    for (what, text) in [
        (
            "a wrong type",
            broken("title = \"Talks on Corvo resume\"", "title = 12"),
        ),
        ("a missing field", broken("name = \"Mira Holt\"\n", "")),
        (
            "an empty text",
            broken(
                "stance = \"Wants the lease renewed on its current terms.\"",
                "stance = \"  \"",
            ),
        ),
        (
            "a bad id",
            broken("id = \"mira-holt\"", "id = \"Mira Holt\""),
        ),
        (
            "a bad date",
            broken("as_of = 2025-06-30", "as_of = \"30 June 2025\""),
        ),
        (
            "a time of day",
            broken("as_of = 2025-06-30", "as_of = 2025-06-30T10:00:00"),
        ),
        (
            "a bad grade",
            broken("reliability = \"B\"", "reliability = \"G\""),
        ),
        (
            "a bad credibility",
            broken("credibility = 2", "credibility = 7"),
        ),
        (
            "a synonym for likelihood",
            broken("likelihood = \"likely\"", "likelihood = \"probable\""),
        ),
        (
            "an unknown actor kind",
            broken("kind = \"person\"", "kind = \"human\""),
        ),
        (
            "an unknown lint",
            broken(
                "lint_allow = [\"quote-without-context\"]",
                "lint_allow = [\"quote-without-contxt\"]",
            ),
        ),
        (
            "a lint that cannot occur here",
            broken(
                "lint_allow = [\"quote-without-context\"]",
                "lint_allow = [\"vague-hedge\"]",
            ),
        ),
        (
            "one version",
            broken(
                "[[claims.versions]]\nsource = \"courier\"",
                "[[claims.versionz]]\nsource = \"courier\"",
            ),
        ),
        ("no format", broken("format = 1\n", "")),
        ("another format", broken("format = 1\n", "format = 2\n")),
    ] {
        assert!(!errors(&text).is_empty(), "the schema accepts {what}");
        assert!(
            Briefing::from_str(&text, "t.toml").is_err(),
            "the loader accepts {what}"
        );
    }
}

#[test]
fn enumerations_carry_their_meanings_for_the_editor() {
    let schema = schema();
    let reliability = &schema["definitions"]["source"]["properties"]["reliability"];
    assert_eq!(reliability["enum"][0], "A");
    assert_eq!(
        reliability["x-taplo"]["docs"]["enumValues"][5],
        "F: reliability cannot be judged"
    );
    let likelihood = &schema["definitions"]["key_judgment"]["properties"]["likelihood"];
    assert_eq!(likelihood["enum"].as_array().map(Vec::len), Some(7));
    assert_eq!(
        likelihood["x-taplo"]["docs"]["enumValues"][4],
        "likely (probable, 55–80%)"
    );
    let quote = &schema["definitions"]["quote"];
    assert_eq!(
        quote["required"],
        serde_json::json!(["id", "text", "source"])
    );
    assert!(
        quote["properties"]["context"]["description"]
            .as_str()
            .is_some_and(|d| d.starts_with("Where and when")),
        "descriptions come from docs/FORMAT.md"
    );
}
