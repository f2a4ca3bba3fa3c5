//! The descriptions of docs/FORMAT.md: each table's first paragraph and
//! the rows of its field tables.

/// A row of a field table in FORMAT.md.
pub(super) struct Row {
    pub field: String,
    ty: String,
    meaning: String,
}

impl Row {
    /// The meaning, or the type when the meaning column is empty; links
    /// within FORMAT.md name the document instead.
    pub fn description(&self) -> String {
        let text = if self.meaning.is_empty() {
            let mut ty = self.ty.clone();
            if let Some(first) = ty.get(..1) {
                ty = first.to_uppercase() + &ty[1..];
            }
            format!("{ty}.")
        } else {
            self.meaning.clone()
        };
        unlink(&text)
    }
}

/// `[Lints](#lints)` → `Lints (docs/FORMAT.md)`.
pub(super) fn unlink(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](#").map(|c| open + c) else {
            break;
        };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        out.push_str(" (docs/FORMAT.md)");
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The sections of FORMAT.md: headings, paragraphs and field tables.
pub(super) struct Docs<'a> {
    text: &'a str,
}

impl<'a> Docs<'a> {
    pub fn new(text: &'a str) -> Docs<'a> {
        Docs { text }
    }

    /// The section under the `###` heading holding `heading`.
    fn section(&self, heading: &str) -> Vec<&'a str> {
        let mut lines = self.text.lines();
        let mut section = Vec::new();
        for line in lines.by_ref() {
            if line.starts_with("### ") && line.contains(heading) {
                break;
            }
        }
        for line in lines {
            if line.starts_with("## ") || line.starts_with("### ") {
                break;
            }
            section.push(line);
        }
        section
    }

    /// The first paragraph of a heading's section, and the rows of its
    /// `nth` field table.
    pub fn table(&self, heading: &str, nth: usize) -> (String, Vec<Row>) {
        let lines = self.section(heading);
        let paragraph: Vec<&str> = lines
            .iter()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty() && !l.starts_with('|'))
            .map(|l| l.trim())
            .collect();
        let mut tables = Vec::new();
        let mut current: Option<Vec<Row>> = None;
        for line in &lines {
            match (
                line.starts_with("| Field |"),
                line.starts_with('|'),
                &mut current,
            ) {
                (true, _, _) => current = Some(Vec::new()),
                (false, true, Some(rows)) => {
                    let cells: Vec<&str> =
                        line.trim_matches('|').split(" | ").map(str::trim).collect();
                    if let [field, ty, _required, meaning] = cells.as_slice()
                        && field.starts_with('`')
                    {
                        rows.push(Row {
                            field: field.trim_matches('`').to_string(),
                            ty: ty.to_string(),
                            meaning: meaning.to_string(),
                        });
                    }
                }
                (false, false, Some(_)) => tables.extend(current.take()),
                _ => {}
            }
        }
        tables.extend(current);
        let rows = tables.into_iter().nth(nth).unwrap_or_default();
        (paragraph.join(" "), rows)
    }
}
