//! The three states of a scope and the decision table of one app and user.

/// A user's recorded answer. "Never asked" is the absence of a decision, not a variant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Granted,
    Denied,
}

impl Decision {
    /// The word stored in IndexedDB and sent to other tabs.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Granted => "granted",
            Decision::Denied => "denied",
        }
    }

    pub fn parse(word: &str) -> Option<Decision> {
        match word {
            "granted" => Some(Decision::Granted),
            "denied" => Some(Decision::Denied),
            _ => None,
        }
    }

    pub fn from_granted(granted: bool) -> Decision {
        if granted {
            Decision::Granted
        } else {
            Decision::Denied
        }
    }

    pub fn is_granted(self) -> bool {
        self == Decision::Granted
    }
}

/// The state of a scope in the W3C Permissions API's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Prompt,
    Granted,
    Denied,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Prompt => "prompt",
            State::Granted => "granted",
            State::Denied => "denied",
        }
    }

    pub fn parse(word: &str) -> Option<State> {
        match word {
            "prompt" => Some(State::Prompt),
            "granted" => Some(State::Granted),
            "denied" => Some(State::Denied),
            _ => None,
        }
    }

    pub fn decision(self) -> Option<Decision> {
        match self {
            State::Prompt => None,
            State::Granted => Some(Decision::Granted),
            State::Denied => Some(Decision::Denied),
        }
    }
}

impl From<Option<Decision>> for State {
    fn from(decision: Option<Decision>) -> State {
        match decision {
            None => State::Prompt,
            Some(Decision::Granted) => State::Granted,
            Some(Decision::Denied) => State::Denied,
        }
    }
}
