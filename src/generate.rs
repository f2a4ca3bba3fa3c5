//! A generator of valid, realistic briefings of any size, for benchmarks
//! and tests at scale: thousands of actors and events, ~100k quotes at
//! 50 MB, long multi-paragraph texts, dense cross-references, non-ASCII
//! names, and multi-line strings holding lines that look like table
//! headers (which a loader must not mistake for real ones).

use std::fmt::Write;

const WORDS: &[&str] = &[
    "the",
    "ministry",
    "said",
    "talks",
    "would",
    "continue",
    "after",
    "a",
    "review",
    "of",
    "agreements",
    "signed",
    "under",
    "previous",
    "government",
    "officials",
    "expected",
    "further",
    "meetings",
    "in",
    "autumn",
    "while",
    "analysts",
    "noted",
    "that",
    "security",
    "arrangements",
    "remain",
    "uncertain",
    "and",
    "sanctions",
    "could",
    "tighten",
    "if",
    "basing",
    "rights",
    "expand",
    "reconstruction",
    "financing",
    "depends",
    "on",
    "council",
    "votes",
    "delegation",
    "visited",
    "capital",
    "to",
    "discuss",
    "cooperation",
    "training",
    "programmes",
    "Erdoğan",
    "Zürich",
    "Łódź",
    "São",
    "Paulo",
    "Ağrı",
    "Москва",
    "دمشق",
    "北京",
    "Ελλάδα",
    "naïve",
    "café",
];
const GIVEN: &[&str] = &[
    "Ahmad",
    "Sergey",
    "Leyla",
    "Jürgen",
    "Zoë",
    "Müge",
    "Oğuz",
    "Иван",
    "Фатима",
    "Chloé",
    "Søren",
    "Łukasz",
    "Mariam",
    "Yusuf",
    "Анна",
    "Nadia",
];
const FAMILY: &[&str] = &[
    "al-Sharaa",
    "Lavrov",
    "Öztürk",
    "Kowalski",
    "Haddad",
    "Petrov",
    "Nakamura",
    "Oyelaran",
    "Dubois",
    "Rahimi",
    "Smirnova",
    "Çelik",
    "Nørgaard",
    "O'Brien",
];
const KINDS: &[&str] = &[
    "person",
    "state",
    "government",
    "armed-group",
    "organization",
    "group",
];

struct Gen {
    rng: fastrand::Rng,
}

impl Gen {
    fn words(&mut self, n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(WORDS[self.rng.usize(..WORDS.len())]);
        }
        out
    }

    fn sentence(&mut self) -> String {
        let n = self.rng.usize(8..24);
        let mut s = self.words(n);
        if let Some(first) = s.get(..1) {
            let upper = first.to_uppercase();
            s.replace_range(..1, &upper);
        }
        s.push('.');
        s
    }

    fn paragraphs(&mut self, count: usize) -> String {
        (0..count)
            .map(|_| {
                let n = self.rng.usize(2..6);
                (0..n)
                    .map(|_| self.sentence())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn pick(&mut self, prefix: &str, count: usize, n: usize) -> String {
        let ids: Vec<String> = (0..n.min(count))
            .map(|_| format!("\"{prefix}{}\"", self.rng.usize(..count)))
            .collect();
        let mut ids = ids;
        ids.sort();
        ids.dedup();
        format!("[{}]", ids.join(", "))
    }

    fn date(&mut self) -> String {
        let year = self.rng.u16(2000..2026);
        match self.rng.u8(..4) {
            0 => format!("\"{year}\""),
            1 => format!("\"{year}-{:02}\"", self.rng.u8(1..13)),
            _ => format!("{year}-{:02}-{:02}", self.rng.u8(1..13), self.rng.u8(1..29)),
        }
    }
}

/// Escapes text for a TOML basic string.
fn basic(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A valid briefing of about `target` bytes, the same for the same seed.
pub fn briefing(target: usize, seed: u64) -> String {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(seed),
    };
    let quotes = (target / 520).max(10);
    let actors = (target / 10_000).max(12);
    let events = (target / 5_000).max(10);
    let issues = (target / 100_000).max(4);
    let sources = (target / 50_000).max(4);
    let claims = (target / 25_000).max(3);
    let mut out = String::with_capacity(target + target / 8);
    let _ = write!(
        out,
        "format = 1\n\n[briefing]\nid = \"generated-{seed}\"\ntitle = \"Generated briefing ({} MB)\"\nas_of = 2025-10-18\nhandling = \"TEST DATA\"\nsummary = \"\"\"\n{}\n\"\"\"\nkey_judgments = [\n  {{ text = \"{}\", sources = [\"s0\"], confidence = \"moderate\" }},\n]\n\n",
        target / 1_000_000,
        g.paragraphs(3),
        basic(&g.sentence())
    );
    for i in 0..sources {
        let _ = write!(
            out,
            "[[sources]]\nid = \"s{i}\"\ntitle = \"{}\"\noutlet = \"Outlet {}\"\npublished = {}\nreliability = \"{}\"\nnotes = \"\"\"\n{}\n{}\"\"\"\n\n",
            basic(&g.sentence()),
            i % 37,
            g.date(),
            ["A", "B", "C", "D", "E", "F"][i % 6],
            g.paragraphs(1),
            // Now and then, a line inside a string that looks like a header.
            if i % 50 == 7 {
                "[[quotes]]\nThe line above is text inside a string, not a table header.\n"
            } else {
                ""
            }
        );
    }
    for i in 0..actors {
        let name = format!(
            "{} {} {i}",
            GIVEN[i % GIVEN.len()],
            FAMILY[(i / GIVEN.len()) % FAMILY.len()]
        );
        let _ = write!(
            out,
            "[[actors]]\nid = \"a{i}\"\nname = \"{name}\"\nkind = \"{}\"\naliases = [\"{}\"]\nsummary = \"\"\"\n{}\"\"\"\nsources = {}\n",
            KINDS[i % KINDS.len()],
            basic(&g.words(2)),
            g.paragraphs(2),
            g.pick("s", sources, 2)
        );
        if i > 0 && i % 5 == 0 {
            let _ = writeln!(out, "affiliation = \"a{}\"", g.rng.usize(..i));
        }
        out.push('\n');
    }
    for i in 0..issues {
        let _ = write!(
            out,
            "[[issues]]\nid = \"i{i}\"\ntitle = \"{}\"\nsummary = '''\n{}'''\nstakes = \"{}\"\nsources = {}\nactors = {}\nopen_questions = [\"{}\"]\nindicators = [\"{}\", \"{}\"]\n\n",
            basic(&g.words(5)),
            g.paragraphs(3),
            basic(&g.sentence()),
            g.pick("s", sources, 3),
            g.pick("a", actors, 6),
            basic(&g.sentence()),
            basic(&g.sentence()),
            basic(&g.sentence())
        );
        let mut holders: Vec<usize> = (0..8).map(|_| g.rng.usize(..actors)).collect();
        holders.sort_unstable();
        holders.dedup();
        for a in holders {
            let _ = write!(
                out,
                "[[issues.positions]]\nactor = \"a{a}\"\nstance = \"{}\"\nsources = {}\n\n",
                basic(&g.sentence()),
                g.pick("s", sources, 2)
            );
        }
    }
    for i in 0..quotes {
        let n = g.rng.usize(12..40);
        let _ = write!(
            out,
            "[[quotes]]\nid = \"q{i}\"\ntext = \"{}\"\nsource = \"s{}\"\nspeaker = \"a{}\"\nissues = {}\ncontext = \"{}\"\n\n",
            basic(&g.words(n)),
            g.rng.usize(..sources),
            g.rng.usize(..actors),
            g.pick("i", issues, 2),
            basic(&g.sentence())
        );
    }
    for i in 0..events {
        let _ = write!(
            out,
            "[[events]]\nid = \"e{i}\"\ndate = {}\ntitle = \"{}\"\ndescription = \"\"\"\n{}\"\"\"\nsources = {}\nactors = {}\nissues = {}\n\n",
            g.date(),
            basic(&g.words(6)),
            g.paragraphs(1),
            g.pick("s", sources, 2),
            g.pick("a", actors, 3),
            g.pick("i", issues, 1)
        );
    }
    for i in 0..claims {
        let _ = write!(
            out,
            "[[claims]]\nid = \"c{i}\"\ntopic = \"{}\"\nissues = {}\n\n",
            basic(&g.words(6)),
            g.pick("i", issues, 1)
        );
        for _ in 0..g.rng.usize(2..4) {
            let _ = write!(
                out,
                "[[claims.versions]]\nsource = \"s{}\"\nsays = \"{}\"\n\n",
                g.rng.usize(..sources),
                basic(&g.sentence())
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_generated_briefing_is_valid_and_deterministic() {
        let text = super::briefing(200_000, 7);
        assert_eq!(text, super::briefing(200_000, 7));
        let b = crate::Briefing::from_str(&text, "generated.toml")
            .unwrap_or_else(|r| panic!("{}", r.render()));
        assert!(b.quotes.len() > 300 && b.actors.len() >= 12);
        assert!(
            text.len() > 150_000 && text.len() < 300_000,
            "{}",
            text.len()
        );
    }
}
