//! The real binary, run so that it can touch nothing of the user's: HOME
//! and every XDG directory it may read or write lie inside `home`.

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

/// The environment variables that name a user's directories.
pub const DIRECTORIES: [&str; 6] = [
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_CACHE_HOME",
    "XDG_STATE_HOME",
    "XDG_RUNTIME_DIR",
];

/// Where each of [`DIRECTORIES`] points inside `home`.
pub fn directories(home: &Path) -> [(&'static str, std::path::PathBuf); 6] {
    [
        ("HOME", home.to_path_buf()),
        ("XDG_CONFIG_HOME", home.join("config")),
        ("XDG_DATA_HOME", home.join("data")),
        ("XDG_CACHE_HOME", home.join("cache")),
        ("XDG_STATE_HOME", home.join("state")),
        ("XDG_RUNTIME_DIR", home.join("runtime")),
    ]
}

/// `brief` with its directories in `home`.
pub fn brief(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    for (name, dir) in directories(home) {
        command.env(name, dir);
    }
    command.env_remove("NO_COLOR");
    command
}
