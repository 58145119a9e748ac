//! Unit tests of the pure core, run on the host with `cargo test`.

mod base_library;
mod config;
mod machine;
mod outcome;
mod platform;
mod platforms;
mod privacy;
mod reply;
mod scope;
mod session;
mod state;

use crate::config::{Config, Options};
use crate::machine::Machine;
use crate::platform::Profile;

/// A WeChat machine for app `wx1234` with a location desc, as most tests want it.
pub(crate) fn wechat_machine() -> Machine {
    machine_for("wechat", &[("scope.userLocation", "Show shops near you")])
}

pub(crate) fn machine_for(platform: &str, permission: &[(&str, &str)]) -> Machine {
    let mut profile = Profile::builtin(platform).expect("built-in platform");
    let options = Options {
        app_id: "wx1234".into(),
        permission: permission.iter().map(|(key, desc)| ((*key).into(), Some((*desc).into()))).collect(),
        ..Options::default()
    };
    let config = Config::new(&mut profile, options).expect("valid options");
    Machine::new(profile, config)
}

/// Seed 002's platform: global `bn`, three WeChat scopes, everything else inherited.
pub(crate) fn platform_seed_002() -> crate::platform::CustomProfile {
    crate::platform::CustomProfile {
        name: "bn".into(),
        global: "bn".into(),
        scopes: ["scope.userLocation", "scope.writePhotosAlbum", "scope.camera"]
            .iter()
            .map(|key| crate::platform::CustomScope { key: (*key).into(), ..Default::default() })
            .collect(),
        ..Default::default()
    }
}
