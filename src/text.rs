//! Messages built by appending `&str` pieces rather than with `format!`. In the wasm every
//! `format!` site carries its own argument table and pulls in `core::fmt`'s machinery (integer
//! formatting, padding). Plain loops rather than `[&str]::concat` / `join` too: std's copy has an
//! unrolled loop per separator length.

/// The pieces end to end.
pub(crate) fn concat(pieces: &[&str]) -> String {
    join(pieces.iter().copied(), "")
}

/// The items with `separator` between them.
pub(crate) fn join<'a>(items: impl IntoIterator<Item = &'a str>, separator: &str) -> String {
    let mut text = String::new();
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            text.push_str(separator);
        }
        text.push_str(item);
    }
    text
}

/// `n` in decimal: the indexes and limits that option errors name.
pub(crate) fn decimal(mut n: usize) -> String {
    let mut digits = String::new();
    loop {
        digits.insert(0, char::from(b'0' + (n % 10) as u8));
        n /= 10;
        if n == 0 {
            return digits;
        }
    }
}
