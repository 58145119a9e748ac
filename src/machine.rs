//! The state machine of one app and user: the three-state rule of seed 001, the platform's special
//! rules, and every way a decision changes (the pop-up, the settings page, the host, a reset).

use crate::config::Config;
use crate::outcome::{Failure, Outcome};
use crate::platform::{ApiId, Profile, ScopeId, AUTHORIZE, FIRST_GATED};
use crate::privacy::Layer;
use crate::reply::Pairs;
use crate::scope::{Rule, Scope};
use crate::state::{Decision, State};

/// What the user did with the pop-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Accept,
    Reject,
    /// Closed without a choice: nothing is recorded.
    Dismiss,
}

impl Answer {
    pub fn parse(word: &str) -> Option<Answer> {
        Some(match word {
            "accept" => Answer::Accept,
            "reject" => Answer::Reject,
            "dismiss" => Answer::Dismiss,
            _ => return None,
        })
    }
}

/// A decision recorded for a scope: what it was here before and what it is now. Recording the
/// state a scope already had is still a `Change` (its `previous` equals its `state`): storage may
/// hold something else (another tab decided since this table was read), so it is written all the
/// same; only `changed()` ones are announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub scope: ScopeId,
    pub previous: State,
    pub state: State,
}

impl Change {
    /// Whether the state here is different from before.
    pub fn changed(&self) -> bool {
        self.previous != self.state
    }
}

/// Why a state cannot be set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetError {
    UnknownScope,
    /// Retired and silent scopes keep no decision (always granted).
    NotRecorded,
}

#[derive(Clone, Debug)]
pub struct Machine {
    pub profile: Profile,
    pub config: Config,
    /// Indexed by scope id; `None` is "never asked".
    decisions: Vec<Option<Decision>>,
    /// WeChat's privacy layer (declaration and agreement), when configured: `privacy`.
    pub privacy: Option<Layer>,
}

impl Machine {
    pub fn new(profile: Profile, mut config: Config) -> Machine {
        let decisions = never_asked(profile.scopes.len());
        let privacy = config.privacy.take();
        Machine { profile, config, decisions, privacy }
    }

    /// The scope a call is about: the API's own for a gated API, `scope` for `authorize`; none
    /// for an API no scope gates.
    pub fn scope_of(&self, api: ApiId, scope: ScopeId) -> Option<ScopeId> {
        let gated = self.profile.api(api)?.scope;
        let id = if api < FIRST_GATED { gated.unwrap_or(scope) } else { gated? };
        Some(id).filter(|id| (*id as usize) < self.decisions.len())
    }

    /// What a call of `api` (for `authorize`: on `scope`) comes to now. The hot path: no allocation.
    pub fn check(&self, api: ApiId, scope: ScopeId) -> Outcome {
        if self.profile.is_ungated(api) {
            // getUserProfile, the privacy layer's APIs: only the privacy layer stands in front.
            return self.privacy_gate(api, None).unwrap_or(Outcome::Proceed);
        }
        let Some(id) = self.scope_of(api, scope) else {
            return Outcome::Fail(if self.profile.api(api).is_some() { Failure::InvalidScope } else { Failure::NotSupported });
        };
        let Some(definition) = self.profile.scope(id) else {
            return Outcome::Fail(Failure::InvalidScope);
        };
        if api == AUTHORIZE && !definition.asked_by.by_authorize() {
            return Outcome::Fail(Failure::InvalidScope);
        }
        // The privacy layer comes before the scope rule: declared? agreed? (privacy.rs)
        if let Some(outcome) = self.privacy_gate(api, (api == AUTHORIZE).then_some(definition.key.as_str())) {
            return outcome;
        }
        if matches!(definition.rule, Rule::Retired | Rule::Silent) {
            return Outcome::Proceed;
        }
        match self.decision(id) {
            Some(Decision::Granted) => Outcome::Proceed,
            Some(Decision::Denied) if self.profile.sticky_denial => Outcome::Fail(Failure::DeniedBefore),
            _ => self.ask(id, definition),
        }
    }

    /// What the privacy layer, if any, makes of a call of `api` (of `scope`'s authorize): `None`
    /// goes on.
    fn privacy_gate(&self, api: ApiId, scope: Option<&str>) -> Option<Outcome> {
        let layer = self.privacy.as_ref()?;
        layer.gate(&self.profile.api(api)?.name, scope, self.privacy_agreed()).outcome()
    }

    /// Whether the user agreed to every kind the privacy guide declares: each kind's agreement is
    /// a decision of its own scope (`privacy::Layer::add_kinds`).
    fn privacy_agreed(&self) -> bool {
        self.privacy.as_ref().is_some_and(|layer| {
            layer.kind_scopes.clone().all(|id| self.decision(id) == Some(Decision::Granted))
        })
    }

    /// `getPrivacySetting`'s `needAuthorization`: a privacy layer the user has not agreed to.
    pub fn needs_privacy_authorization(&self) -> bool {
        self.privacy.is_some() && !self.privacy_agreed()
    }

    /// A tap on the mini game's user-info button: the one way to ask for a scope whose rule is
    /// never-prompts. Granted proceeds; anything else (never asked, or rejected before: a button
    /// refusal is not sticky, research §6) shows the pop-up again.
    pub fn check_tap(&self, scope: ScopeId) -> Outcome {
        match self.profile.scope(scope).map(|definition| definition.rule) {
            None => Outcome::Fail(Failure::InvalidScope),
            Some(Rule::Retired | Rule::Silent) => Outcome::Proceed,
            Some(_) if self.decision(scope) == Some(Decision::Granted) => Outcome::Proceed,
            Some(_) => Outcome::Prompt,
        }
    }

    fn ask(&self, id: ScopeId, definition: &Scope) -> Outcome {
        match definition.rule {
            Rule::NeverPrompts => Outcome::Fail(Failure::ScopeUnauthorized),
            // Only the settings page grants it; asking is refused without recording anything.
            Rule::SettingsOnly => Outcome::Fail(Failure::AuthDeny),
            _ if definition.needs_desc && self.config.desc(id).is_none() => Outcome::Fail(Failure::RequirePermissionDesc),
            _ => Outcome::Prompt,
        }
    }

    /// The pop-up for `scope` was answered: record it and say what the waiting calls get.
    pub fn settle(&mut self, scope: ScopeId, answer: Answer) -> (Outcome, Option<Change>) {
        match answer {
            Answer::Accept => (Outcome::Proceed, self.record(scope, Some(Decision::Granted))),
            Answer::Reject => (Outcome::Fail(Failure::AuthDeny), self.record(scope, Some(Decision::Denied))),
            Answer::Dismiss => (Outcome::Fail(Failure::AuthCancel), None),
        }
    }

    /// The host (or another tab) sets a state; `State::Prompt` forgets the decision.
    pub fn set_state(&mut self, scope: ScopeId, state: State) -> Result<Option<Change>, SetError> {
        let definition = self.profile.scope(scope).ok_or(SetError::UnknownScope)?;
        if !definition.rule.is_recorded() {
            return Err(SetError::NotRecorded);
        }
        Ok(self.record(scope, state.decision()))
    }

    /// Records `decision`; `None` only for a scope id out of range.
    fn record(&mut self, scope: ScopeId, decision: Option<Decision>) -> Option<Change> {
        let slot = self.decisions.get_mut(scope as usize)?;
        let previous = State::from(*slot);
        *slot = decision;
        Some(Change { scope, previous, state: State::from(decision) })
    }

    pub fn decision(&self, scope: ScopeId) -> Option<Decision> {
        self.decisions.get(scope as usize).copied().flatten()
    }

    pub fn state_of(&self, scope: ScopeId) -> State {
        match self.profile.scope(scope).map(|definition| definition.rule) {
            Some(Rule::Retired | Rule::Silent) => State::Granted,
            _ => State::from(self.decision(scope)),
        }
    }

    /// Decisions read back from storage, by scope key. Keys this profile does not know are skipped.
    pub fn load<'a>(&mut self, records: impl IntoIterator<Item = (&'a str, Decision)>) {
        for (key, decision) in records {
            if let Some(id) = self.profile.scope_id(key) {
                let recorded = self.profile.scope(id).is_some_and(|scope| scope.rule.is_recorded());
                if let Some(slot) = self.decisions.get_mut(id as usize).filter(|_| recorded) {
                    *slot = Some(decision);
                }
            }
        }
    }

    /// Replaces every decision with what storage holds now (another tab changed it) and says
    /// which changed.
    pub fn replace<'a>(&mut self, records: impl IntoIterator<Item = (&'a str, Decision)>) -> Vec<Change> {
        let before = std::mem::replace(&mut self.decisions, never_asked(self.profile.scopes.len()));
        self.load(records);
        before
            .iter()
            .zip(&self.decisions)
            .enumerate()
            .filter(|(_, (old, new))| old != new)
            .map(|(id, (old, new))| Change { scope: id as ScopeId, previous: State::from(*old), state: State::from(*new) })
            .collect()
    }

    /// The user deleted the mini program: every decision is forgotten, the privacy agreement too.
    pub fn reset(&mut self) -> Vec<Change> {
        (0..self.decisions.len() as ScopeId).filter_map(|scope| self.record(scope, None)).filter(Change::changed).collect()
    }

    /// `getSetting`'s `authSetting`: only scopes ever asked (`true` / `false`), plus retired scopes,
    /// which are always reported granted. Keys as the platform spells them; scopes only the
    /// platform's `authorize` asks for (Alipay's `getAuthCode`) are left out.
    pub fn auth_setting(&self) -> Pairs<bool> {
        let pairs = self
            .profile
            .scopes
            .iter()
            .zip(&self.decisions)
            .filter(|(scope, _)| scope.asked_by.is_listed())
            .filter_map(|(scope, decision)| match (scope.rule, decision) {
                (Rule::Retired, _) => Some((scope.setting_key.clone(), true)),
                (_, Some(decision)) => Some((scope.setting_key.clone(), decision.is_granted())),
                _ => None,
            })
            .collect();
        Pairs(pairs)
    }

    /// The scopes the settings page shows: every scope ever asked, and a settings-only scope once
    /// the app declares a usage description for it and the row it is an option of exists (its
    /// `shown_with` scope has a decision), or once it has a decision itself.
    pub fn settings_scopes(&self) -> Vec<ScopeId> {
        (0..self.decisions.len() as ScopeId)
            .filter(|id| match self.profile.scope(*id) {
                Some(scope) if !scope.asked_by.is_listed() => false,
                Some(scope) if scope.rule == Rule::SettingsOnly => {
                    let row_exists = scope.shown_with.as_deref().map_or(true, |key| {
                        self.profile.scope_id(key).is_some_and(|row| self.decision(row).is_some())
                    });
                    self.decision(*id).is_some() || (self.config.desc(*id).is_some() && row_exists)
                }
                Some(scope) => scope.rule.is_recorded() && self.decision(*id).is_some(),
                None => false,
            })
            .collect()
    }

    /// The settings page closed with these switches. Scopes it did not show are left alone, and a
    /// switch left off on a scope never asked (a settings-only scope) records no denial. Every
    /// switch applied is a `Change`, changed here or not.
    pub fn apply_settings(&mut self, switches: &[(ScopeId, bool)]) -> Vec<Change> {
        let shown = self.settings_scopes();
        let applied: Vec<(ScopeId, bool)> = switches
            .iter()
            .copied()
            .filter(|(scope, granted)| shown.contains(scope) && (*granted || self.decision(*scope).is_some()))
            .collect();
        applied
            .into_iter()
            .filter_map(|(scope, granted)| self.record(scope, Some(Decision::from_granted(granted))))
            .collect()
    }
}

/// `count` decisions, none of them asked: `resize_with`, which costs less wasm than `vec![None; n]`.
fn never_asked(count: usize) -> Vec<Option<Decision>> {
    let mut decisions = Vec::new();
    decisions.resize_with(count, || None);
    decisions
}
