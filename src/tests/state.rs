use crate::state::{Decision, State};

#[test]
fn words_round_trip() {
    for d in [Decision::Granted, Decision::Denied] {
        assert_eq!(Decision::parse(d.as_str()), Some(d));
    }
    for s in [State::Prompt, State::Granted, State::Denied] {
        assert_eq!(State::parse(s.as_str()), Some(s));
        assert_eq!(State::from(s.decision()), s);
    }
    assert_eq!(Decision::parse("GRANTED"), None);
    assert_eq!(State::parse(""), None);
    assert_eq!(Decision::from_granted(true), Decision::Granted);
    assert_eq!(Decision::from_granted(false), Decision::Denied);
}
