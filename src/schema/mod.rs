//! A JSON Schema (draft-07) of format 1, for the TOML language servers
//! authors' editors run (taplo, tombi): completion, hover docs and errors
//! as they type. It describes the shape of a file, each table and field
//! with its description from docs/FORMAT.md; what needs the whole file
//! (references, duplicate ids, real dates) stays `brief check`'s job.
//!
//! `brief schema` prints it; `schemas/briefing-1.schema.json` is the same
//! text, and tests hold the schema's fields equal to the loader's.

use serde_json::{Map, Value, json};
use strum::IntoEnumIterator;

use crate::model::{
    ActorKind, Allowed, CREDIBILITY, Confidence, Kind, Likelihood, Lint, RELIABILITY,
};

/// The file name `brief new` gives the schema beside a briefing.
pub const FILE_NAME: &str = "briefing-1.schema.json";

mod docs;

use docs::Docs;

const FORMAT_MD: &str = include_str!("../../docs/FORMAT.md");

/// What a field holds.
#[derive(Clone, Copy)]
enum Ty {
    Format,
    Id,
    Text,
    Texts,
    Date,
    Ref,
    Refs {
        at_least_one: bool,
    },
    Reliability,
    Credibility,
    Confidence,
    Likelihood,
    ActorKind,
    LintAllow(Option<Allowed>),
    /// Key judgments: text or a table.
    Judgments,
    /// An array of tables of the named definition.
    Tables {
        of: &'static str,
        at_least: usize,
    },
}

/// One table of the format: its definition's name, where FORMAT.md
/// describes it (a `###` heading holding `heading`, its `nth` field table),
/// and its fields.
struct Table {
    def: &'static str,
    heading: &'static str,
    nth: usize,
    /// For tables that are not the first under their heading.
    description: Option<&'static str>,
    fields: &'static [(&'static str, Ty, bool)],
}

fn tables() -> Vec<Table> {
    use Ty::*;
    vec![
        Table {
            def: "briefing",
            heading: "`[briefing]`",
            nth: 0,
            description: None,
            fields: &[
                ("id", Id, true),
                ("title", Text, true),
                ("as_of", Date, true),
                ("summary", Text, true),
                ("subtitle", Text, false),
                ("handling", Text, false),
                ("key_judgments", Judgments, false),
                (
                    "sources",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                ("lint_allow", LintAllow(None), false),
            ],
        },
        Table {
            def: "key_judgment",
            heading: "`[briefing]`",
            nth: 1,
            description: Some("A key judgment written as a table."),
            fields: &[
                ("text", Text, true),
                (
                    "sources",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                ("confidence", Confidence, false),
                ("likelihood", Likelihood, false),
                ("lint_allow", LintAllow(Some(Allowed::KeyJudgment)), false),
            ],
        },
        Table {
            def: "source",
            heading: "`[[sources]]`",
            nth: 0,
            description: None,
            fields: &[
                ("id", Id, true),
                ("title", Text, true),
                ("outlet", Text, false),
                ("published", Date, false),
                ("url", Text, false),
                ("file", Text, false),
                ("reliability", Reliability, false),
                ("notes", Text, false),
                ("references", Texts, false),
            ],
        },
        Table {
            def: "actor",
            heading: "`[[actors]]`",
            nth: 0,
            description: None,
            fields: &[
                ("id", Id, true),
                ("name", Text, true),
                ("kind", ActorKind, true),
                ("summary", Text, true),
                ("sources", Refs { at_least_one: true }, true),
                ("aliases", Texts, false),
                ("role", Text, false),
                ("affiliation", Ref, false),
                ("interests", Texts, false),
                (
                    "lint_allow",
                    LintAllow(Some(Allowed::Item(Kind::Actor))),
                    false,
                ),
            ],
        },
        Table {
            def: "issue",
            heading: "`[[issues]]`",
            nth: 0,
            description: None,
            fields: &[
                ("id", Id, true),
                ("title", Text, true),
                ("summary", Text, true),
                ("sources", Refs { at_least_one: true }, true),
                ("stakes", Text, false),
                (
                    "actors",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                ("open_questions", Texts, false),
                ("indicators", Texts, false),
                (
                    "positions",
                    Tables {
                        of: "position",
                        at_least: 0,
                    },
                    false,
                ),
                (
                    "lint_allow",
                    LintAllow(Some(Allowed::Item(Kind::Issue))),
                    false,
                ),
            ],
        },
        Table {
            def: "position",
            heading: "`[[issues]]`",
            nth: 1,
            description: Some(
                "An actor's position on the issue above, written [[issues.positions]]; named issue-id/actor-id.",
            ),
            fields: &[
                ("actor", Ref, true),
                ("stance", Text, true),
                ("sources", Refs { at_least_one: true }, true),
            ],
        },
        Table {
            def: "quote",
            heading: "`[[quotes]]`",
            nth: 0,
            description: None,
            fields: &[
                ("id", Id, true),
                ("text", Text, true),
                ("source", Ref, true),
                ("speaker", Ref, false),
                (
                    "issues",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                ("context", Text, false),
                ("date", Date, false),
                ("credibility", Credibility, false),
                (
                    "lint_allow",
                    LintAllow(Some(Allowed::Item(Kind::Quote))),
                    false,
                ),
            ],
        },
        Table {
            def: "event",
            heading: "`[[events]]`",
            nth: 0,
            description: None,
            fields: &[
                ("id", Id, true),
                ("date", Date, true),
                ("title", Text, true),
                ("sources", Refs { at_least_one: true }, true),
                ("description", Text, false),
                (
                    "actors",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                (
                    "issues",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                ("place", Text, false),
                (
                    "lint_allow",
                    LintAllow(Some(Allowed::Item(Kind::Event))),
                    false,
                ),
            ],
        },
        Table {
            def: "claim",
            heading: "`[[claims]]`",
            nth: 0,
            description: None,
            fields: &[
                ("id", Id, true),
                ("topic", Text, true),
                (
                    "issues",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                (
                    "actors",
                    Refs {
                        at_least_one: false,
                    },
                    false,
                ),
                ("note", Text, false),
                (
                    "versions",
                    Tables {
                        of: "version",
                        at_least: 2,
                    },
                    true,
                ),
                (
                    "lint_allow",
                    LintAllow(Some(Allowed::Item(Kind::Claim))),
                    false,
                ),
            ],
        },
        Table {
            def: "version",
            heading: "`[[claims]]`",
            nth: 1,
            description: Some(
                "One source's version of the claim above, written [[claims.versions]].",
            ),
            fields: &[
                ("source", Ref, true),
                ("says", Text, true),
                ("credibility", Credibility, false),
            ],
        },
    ]
}

/// The top level: `format`, `[briefing]` and the item arrays.
const ROOT: &[(&str, &str, Ty, bool)] = &[
    (
        "format",
        "The briefing format; this brief reads format 1. Put it before the first table.",
        Ty::Format,
        true,
    ),
    ("briefing", "", Ty::Text, true),
    (
        "sources",
        "The source documents.",
        Ty::Tables {
            of: "source",
            at_least: 0,
        },
        false,
    ),
    (
        "actors",
        "People, states and organisations.",
        Ty::Tables {
            of: "actor",
            at_least: 0,
        },
        false,
    ),
    (
        "issues",
        "The questions the briefing is about.",
        Ty::Tables {
            of: "issue",
            at_least: 0,
        },
        false,
    ),
    (
        "quotes",
        "Words quoted verbatim from a source.",
        Ty::Tables {
            of: "quote",
            at_least: 0,
        },
        false,
    ),
    (
        "events",
        "The timeline.",
        Ty::Tables {
            of: "event",
            at_least: 0,
        },
        false,
    ),
    (
        "claims",
        "Points on which the sources disagree.",
        Ty::Tables {
            of: "claim",
            at_least: 0,
        },
        false,
    ),
];

/// The schema, pretty-printed, ending with a newline.
pub fn schema() -> String {
    let mut text = serde_json::to_string_pretty(&value()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema as a JSON value.
pub fn value() -> Value {
    let docs = Docs::new(FORMAT_MD);
    let tables = tables();
    // An array of tables is described by the table it holds.
    let held = |def: &str| {
        tables
            .iter()
            .find(|t| t.def == def)
            .and_then(|t| t.description)
            .unwrap_or_default()
            .to_string()
    };
    let mut definitions = Map::new();
    for table in &tables {
        let (description, rows) = docs.table(table.heading, table.nth);
        let mut properties = Map::new();
        let mut required = Vec::new();
        for &(name, ty, is_required) in table.fields {
            let row = rows.iter().find(|r| r.field == name);
            let described = match (row, ty) {
                (Some(row), _) => row.description(),
                (None, Ty::Tables { of, .. }) => held(of),
                (None, _) => String::new(),
            };
            properties.insert(name.to_string(), field(ty, &described));
            if is_required {
                required.push(name);
            }
        }
        let description = table.description.map_or(description, str::to_string);
        definitions.insert(
            table.def.to_string(),
            object(&description, properties, &required),
        );
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for &(name, description, ty, is_required) in ROOT {
        let property = match name {
            "briefing" => {
                let mut briefing = definitions.get("briefing").cloned().unwrap_or_default();
                if let Some(object) = briefing.as_object_mut() {
                    object.insert("title".into(), Value::from("[briefing]"));
                }
                briefing
            }
            _ => field(ty, description),
        };
        properties.insert(name.to_string(), property);
        if is_required {
            required.push(name);
        }
    }
    definitions.remove("briefing");
    let mut root = object(
        "A briefing for brief, the terminal reader of analyst briefings (format 1; see docs/FORMAT.md).",
        properties,
        &required,
    );
    if let Some(root) = root.as_object_mut() {
        let mut head = Map::new();
        head.insert(
            "$schema".into(),
            Value::from("http://json-schema.org/draft-07/schema#"),
        );
        head.insert("title".into(), Value::from("brief briefing, format 1"));
        head.extend(std::mem::take(root));
        head.insert("definitions".into(), Value::Object(definitions));
        *root = head;
    }
    root
}

/// A table: its fields, which are required, and no other field.
fn object(description: &str, properties: Map<String, Value>, required: &[&str]) -> Value {
    let mut object = json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        object["required"] = json!(required);
        object["x-taplo"] = json!({ "initKeys": required });
    }
    object
}

const ID_PATTERN: &str = "^[a-z0-9][a-z0-9._-]*$";
const DATE_PATTERN: &str = "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

/// An id, as `brief check` reads it (which also checks it names an item).
fn id() -> Value {
    json!({
        "type": "string",
        "pattern": ID_PATTERN,
        "maxLength": crate::load::MAX_ID,
    })
}

/// A string with something besides whitespace in it.
fn text() -> Value {
    json!({ "type": "string", "pattern": "\\S" })
}

/// One value of an enumeration with its docs for the editor.
fn documented(values: Vec<Value>, docs: Vec<String>) -> Value {
    json!({
        "enum": values,
        "x-taplo": { "docs": { "enumValues": docs } },
    })
}

fn field(ty: Ty, description: &str) -> Value {
    let mut schema = match ty {
        Ty::Format => json!({ "type": "integer", "const": 1 }),
        Ty::Id | Ty::Ref => id(),
        Ty::Text => text(),
        Ty::Texts => json!({ "type": "array", "items": text() }),
        Ty::Date => json!({
            "type": "string",
            "pattern": DATE_PATTERN,
            "x-taplo": { "docs": { "main": "A TOML local date (2025-07-31), or a string \"2025\", \"2025-07\" or \"2025-07-31\"." } },
        }),
        Ty::Refs { at_least_one } => {
            let mut list = json!({ "type": "array", "items": id() });
            if at_least_one {
                list["minItems"] = json!(1);
            }
            list
        }
        Ty::Reliability => documented(
            RELIABILITY
                .iter()
                .map(|(g, _)| Value::from(g.to_string()))
                .collect(),
            RELIABILITY
                .iter()
                .map(|(g, m)| format!("{g}: {m}"))
                .collect(),
        ),
        Ty::Credibility => documented(
            CREDIBILITY.iter().map(|(g, _)| Value::from(*g)).collect(),
            CREDIBILITY
                .iter()
                .map(|(g, m)| format!("{g}: {m}"))
                .collect(),
        ),
        Ty::Confidence => documented(
            Confidence::NAMES.iter().map(|&c| Value::from(c)).collect(),
            Confidence::NAMES
                .iter()
                .map(|c| format!("{c} confidence"))
                .collect(),
        ),
        Ty::Likelihood => documented(
            Likelihood::iter().map(|l| Value::from(l.name())).collect(),
            Likelihood::iter().map(Likelihood::describe).collect(),
        ),
        Ty::ActorKind => documented(
            ActorKind::ALL
                .iter()
                .map(|k| Value::from(k.name()))
                .collect(),
            ActorKind::ALL
                .iter()
                .map(|k| k.name().to_string())
                .collect(),
        ),
        Ty::LintAllow(at) => {
            let lints: Vec<Lint> = Lint::iter()
                .filter(|l| at.is_none_or(|at| l.applies_to(at)))
                .collect();
            json!({
                "type": "array",
                "items": documented(
                    lints.iter().map(|l| Value::from(l.name())).collect(),
                    lints.iter().map(|l| format!("{}: {}", l.name(), l.describe())).collect(),
                ),
            })
        }
        Ty::Judgments => json!({
            "type": "array",
            "items": {
                "anyOf": [text(), { "$ref": "#/definitions/key_judgment" }],
            },
        }),
        Ty::Tables { of, at_least } => {
            let mut list = json!({
                "type": "array",
                "items": { "$ref": format!("#/definitions/{of}") },
            });
            if at_least > 0 {
                list["minItems"] = json!(at_least);
            }
            list
        }
    };
    if !description.is_empty()
        && let Some(object) = schema.as_object_mut()
    {
        // The description first, where a reader of the file looks.
        let mut described = Map::new();
        described.insert("description".into(), Value::from(description));
        described.extend(std::mem::take(object));
        *object = described;
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_description_from_format_md() {
        let docs = Docs::new(FORMAT_MD);
        for table in tables() {
            let (paragraph, rows) = docs.table(table.heading, table.nth);
            if table.description.is_none() {
                assert!(!paragraph.is_empty(), "{} has no paragraph", table.def);
            }
            let documented: Vec<&str> = rows.iter().map(|r| r.field.as_str()).collect();
            // Arrays of tables are documented by their own tables.
            let fields: Vec<&str> = table
                .fields
                .iter()
                .filter(|f| !matches!(f.1, Ty::Tables { .. }))
                .map(|f| f.0)
                .collect();
            assert_eq!(documented, fields, "FORMAT.md's table of {}", table.def);
        }
    }

    #[test]
    fn links_become_the_document_they_are_in() {
        assert_eq!(
            docs::unlink("see [Lints](#lints), or [x](#y)."),
            "see Lints (docs/FORMAT.md), or x (docs/FORMAT.md)."
        );
        assert_eq!(docs::unlink("a [b] c"), "a [b] c");
    }
}
