use std::collections::HashMap;
use std::fmt;

/// A token with a lifetime parameter: 'a is not a char literal.
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    Ident(&'a str),
    Number(f64),
    Punct(char),
}

pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str) -> Self {
        Lexer { src, pos: 0 }
    }

    pub fn next_token(&mut self) -> Option<Token<'a>> {
        let rest = &self.src[self.pos..];
        let c = rest.chars().next()?;
        if c == '{' || c == '}' {
            self.pos += 1;
            return Some(Token::Punct(c));
        }
        let end = rest.find(|ch: char| !ch.is_alphanumeric()).unwrap_or(rest.len());
        self.pos += end.max(1);
        Some(Token::Ident(&rest[..end.max(1)]))
    }
}

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Ident(s) => write!(f, "{}", s),
            Token::Number(n) => write!(f, "{n}"),
            Token::Punct(c) => write!(f, "'{}'", c),
        }
    }
}

const RAW: &str = r#"a "raw" string with { and }"#;

/* block comment /* nested { */ still comment } */
pub fn count_idents(src: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let mut lexer = Lexer::new(src);
    while let Some(tok) = lexer.next_token() {
        if let Token::Ident(name) = tok {
            *counts.entry(name.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words() {
        let counts = count_idents("a b a { }");
        assert_eq!(counts["a"], 2);
        let _ = RAW;
    }
}

pub fn longest_ident<'a>(src: &'a str) -> Option<&'a str> {
    let mut lexer = Lexer::new(src);
    let mut best: Option<&'a str> = None;
    while let Some(tok) = lexer.next_token() {
        if let Token::Ident(name) = tok {
            if best.map_or(true, |b| name.len() > b.len()) {
                best = Some(name);
            }
        }
    }
    best
}

pub fn render(tokens: &[Token<'_>]) -> String {
    let mut out = String::new();
    for t in tokens {
        out.push_str(&format!("{} ", t));
    }
    out.trim_end().to_string()
}
