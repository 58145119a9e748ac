//! An option of createAuthorizer that cannot be used: which one, and why. Every module that
//! checks options (`config`, `platform`'s custom profiles, `privacy`) words its errors with it.

use crate::text::concat;

/// An option that cannot be used: which one, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    pub option: String,
    pub reason: String,
}

impl OptionError {
    /// `option <option> <reason>`: the message of the `Error` createAuthorizer rejects with.
    pub fn message(&self) -> String {
        concat(&["option ", &self.option, " ", &self.reason])
    }
}

impl core::fmt::Display for OptionError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

pub fn option_error(option: impl Into<String>, reason: impl Into<String>) -> OptionError {
    OptionError { option: option.into(), reason: reason.into() }
}
