use crate::outcome::{Failure, Outcome};

#[test]
fn codes_round_trip() {
    assert_eq!(Outcome::Proceed.code(), 0);
    assert_eq!(Outcome::Prompt.code(), 1);
    let mut seen = vec![0, 1];
    for failure in Failure::all() {
        let code = failure.code();
        assert!(!seen.contains(&code), "codes are distinct");
        seen.push(code);
        assert_eq!(Outcome::from_code(code), Some(Outcome::Fail(*failure)));
    }
    assert_eq!(Outcome::from_code(0), Some(Outcome::Proceed));
    assert_eq!(Outcome::from_code(1), Some(Outcome::Prompt));
    assert_eq!(Outcome::from_code(999), None);
    assert_eq!(Outcome::from_code(u32::MAX), None);
    assert!(Outcome::Proceed.is_success());
    assert!(!Outcome::Fail(Failure::AuthDeny).is_success());
}

#[test]
fn names_are_distinct() {
    let mut names: Vec<&str> = Failure::all().iter().map(|f| f.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), Failure::all().len());
}
