//! A small, bounded YAML reader for imported files: text becomes a tree of scalars, sequences
//! and mappings, or a message that says where the YAML is wrong.
//!
//! yaml-rust2's event parser does the YAML; the tree is built here without recursion, with
//! limits on size, nesting and node count. Aliases (`*name`) are refused, so a small file cannot
//! expand into a huge one; tags are ignored; mapping keys must be plain text and appear once.
//! Scalars keep their text exactly as written (`0.999` stays `0.999`); `Node::boolean` reads
//! one as a YAML 1.2 core-schema boolean.

use yaml_rust2::parser::Parser;
use yaml_rust2::Event;

/// The largest file read, in bytes.
pub const MAX_BYTES: usize = 256 * 1024;
/// The deepest nesting of sequences and mappings.
pub const MAX_DEPTH: usize = 32;
/// The most nodes in all documents together.
pub const MAX_NODES: usize = 20_000;

/// A YAML node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    /// Entries in the order written.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub fn text(&self) -> Option<&str> {
        match self {
            Node::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// A scalar read as a boolean as YAML 1.2's core schema spells one: `true`, `True`, `TRUE`,
    /// `false`, `False` or `FALSE`. `None` for any other node, YAML 1.1's `yes`, `no`, `on` and
    /// `off` included. The tree keeps no quoting, so `"false"` is read as false too.
    pub fn boolean(&self) -> Option<bool> {
        boolean(self.text()?)
    }

    /// The text of the scalar under `key`.
    pub fn text_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::text)
    }

    /// The entries of a mapping (empty for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match self {
            Node::Map(entries) => entries,
            _ => &[],
        }
    }

    /// The items of a sequence (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match self {
            Node::Seq(items) => items,
            _ => &[],
        }
    }

    /// What the node is, in words, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Scalar(_) => "a single value",
            Node::Seq(_) => "a list",
            Node::Map(_) => "a mapping",
        }
    }
}

/// Scalar text read as a YAML 1.2 core-schema boolean (see [`Node::boolean`]).
pub fn boolean(text: &str) -> Option<bool> {
    match text {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

enum Frame {
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>, Option<String>),
}

/// Reads every document of `text`.
pub fn parse(text: &str) -> Result<Vec<Node>, String> {
    if text.len() > MAX_BYTES {
        return Err(format!(
            "The file is larger than {} KB; an SLO file is much smaller",
            MAX_BYTES / 1024
        ));
    }
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = Vec::new();
    let mut nodes = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            format!(
                "Not valid YAML at line {}, column {}: {}",
                e.marker().line(),
                e.marker().col() + 1,
                e.info()
            )
        })?;
        let at = || format!("line {}", mark.line());
        let node = match event {
            Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart | Event::DocumentEnd => {
                continue
            }
            Event::Alias(_) => {
                return Err(format!(
                    "Aliases (*name) are not supported ({}): write the values out in full",
                    at()
                ))
            }
            Event::Scalar(value, ..) => Node::Scalar(value),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!(
                        "The YAML is nested more than {MAX_DEPTH} levels deep ({})",
                        at()
                    ));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(Vec::new())
                } else {
                    Frame::Map(Vec::new(), None)
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(items)) => Node::Seq(items),
                Some(Frame::Map(entries, None)) => Node::Map(entries),
                Some(Frame::Map(_, Some(key))) => {
                    return Err(format!("The key \"{key}\" has no value ({})", at()))
                }
                None => return Err(format!("Unbalanced YAML ({})", at())),
            },
        };
        nodes += 1;
        if nodes > MAX_NODES {
            return Err(format!(
                "The file holds more than {MAX_NODES} values; an SLO file is much smaller"
            ));
        }
        match stack.last_mut() {
            None => documents.push(node),
            Some(Frame::Seq(items)) => items.push(node),
            Some(Frame::Map(entries, pending)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                None => {
                    let Node::Scalar(key) = node else {
                        return Err(format!(
                            "A mapping key is {} ({}); only plain keys are supported",
                            node.kind(),
                            at()
                        ));
                    };
                    if entries.iter().any(|(k, _)| *k == key) {
                        return Err(format!("The key \"{key}\" appears twice ({})", at()));
                    }
                    *pending = Some(key);
                }
            },
        }
    }
    Ok(documents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(text: &str) -> Node {
        Node::Scalar(text.to_string())
    }

    #[test]
    fn reads_mappings_lists_and_exact_scalars() {
        let docs =
            parse("a: 0.999\nb:\n  - x\n  - {c: \"q\"}\n---\nd: |\n  two\n  lines\n").unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text_at("a"), Some("0.999"));
        assert_eq!(docs[0].get("b").unwrap().items()[0], scalar("x"));
        assert_eq!(docs[0].get("b").unwrap().items()[1].text_at("c"), Some("q"));
        assert_eq!(docs[1].text_at("d"), Some("two\nlines\n"));
        assert_eq!(parse("").unwrap(), Vec::<Node>::new());
    }

    #[test]
    fn booleans_are_the_yaml_1_2_core_schema_spellings() {
        let cases: &[(&str, Option<bool>)] = &[
            ("a: true", Some(true)),
            ("a: True", Some(true)),
            ("a: TRUE", Some(true)),
            ("a: false", Some(false)),
            ("a: False", Some(false)),
            ("a: FALSE", Some(false)),
            ("a: 'false'", Some(false)),
            ("a: fALSE", None),
            ("a: no", None),
            ("a: yes", None),
            ("a: 0", None),
            ("a: ''", None),
            ("a: [true]", None),
        ];
        for (text, expected) in cases {
            let docs = parse(text).unwrap();
            assert_eq!(
                docs[0].get("a").and_then(Node::boolean),
                *expected,
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_what_could_hurt_or_mislead() {
        let cases: &[(&str, &str)] = &[
            ("a: [1, 2", "Not valid YAML at line"),
            ("a: &x [1]\nb: *x\n", "Aliases (*name) are not supported"),
            ("a: 1\na: 2\n", "The key \"a\" appears twice"),
            ("? [1]\n: 2\n", "only plain keys"),
            ("a: b: c", "Not valid YAML"),
        ];
        for (text, message) in cases {
            let error = parse(text).unwrap_err();
            assert!(error.contains(message), "{text:?}: {error}");
        }
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert!(parse(&deep).is_err());
        let deep_block: String = (0..40)
            .map(|i| format!("{}k:\n", " ".repeat(i * 2)))
            .collect();
        assert!(parse(&deep_block).unwrap_err().contains("nested more than"));
        let big = "a".repeat(MAX_BYTES + 1);
        assert!(parse(&big).unwrap_err().contains("larger than"));
        let many: String = (0..(MAX_NODES / 2 + 1))
            .map(|i| format!("k{i}: v\n"))
            .collect();
        assert!(parse(&many).unwrap_err().contains("more than"));
    }
}
