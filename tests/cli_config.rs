//! `brief config --print` and `brief completions`.

#[path = "common/isolated.rs"]
mod isolated;

use std::process::Output;

fn brief(config_home: &std::path::Path, args: &[&str]) -> Output {
    isolated::brief(config_home)
        .args(args)
        .env("XDG_CONFIG_HOME", config_home)
        .output()
        .expect("brief runs")
}

#[test]
fn print_shows_defaults_merged_with_the_users_file() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("brief");
    std::fs::create_dir_all(dir.join("themes")).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        "theme = \"mine\"\nmouse = true\n[keys.global]\nquit = [\"x\"]\n",
    )
    .expect("write");
    std::fs::write(dir.join("themes/mine.toml"), "text = \"white\"\n").expect("write");
    let out = brief(home.path(), &["config", "--print"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "# config file:   {}",
            dir.join("config.toml").display()
        )),
        "{text}"
    );
    assert!(
        text.contains("# themes:        dark, light, high-contrast, mine"),
        "{text}"
    );
    assert!(text.contains("theme = \"mine\"\nmouse = true"), "{text}");
    assert!(text.contains("quit = [\"x\"]  # Quit"), "{text}");
    assert!(text.contains("next_link = [\"j\", \"down\"]"), "{text}");
}

#[test]
fn a_bad_config_names_its_place() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("brief");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        "mouse = true\n[keys.list]\ndown = [\"j\", \"\u{1b}[2J\"]\n",
    )
    .expect("write");
    let out = brief(home.path(), &["config", "--print"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("config.toml:3:15: error:"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "the escape is shown escaped: {err}"
    );
}

#[test]
fn completions_for_each_shell() {
    let home = tempfile::tempdir().expect("tempdir");
    for shell in ["bash", "zsh", "fish"] {
        let out = brief(home.path(), &["completions", shell]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("check"),
            "{shell}"
        );
    }
    assert_eq!(
        brief(home.path(), &["completions", "cmd"]).status.code(),
        Some(2)
    );
}

#[test]
fn the_readme_lists_the_default_keys_exactly() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = brief(home.path(), &["config", "--print"]);
    let printed = String::from_utf8_lossy(&out.stdout);
    let keys = &printed[printed.find("[keys.global]").expect("keys")..];
    let readme = std::fs::read_to_string("README.md").expect("README");
    assert!(
        readme.contains(keys.trim_end()),
        "README's key list differs from `brief config --print`"
    );
}

/// One bad entry in config.toml leaves out that entry only, and a key
/// that another binding hides is a warning with its place.
#[test]
fn a_bad_entry_drops_only_itself_and_hidden_keys_are_warned_of() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("brief");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("config.toml"),
        "theme = \"light\"\nmouse = true\nbogus = 1\n[keys.global]\nquit = [\"Q\"]\ntoggle_reviewed = [\"j\"]\n[keys.list]\ndown = [\"notakey\", \"n\"]\n",
    )
    .expect("write");
    let out = brief(home.path(), &["config", "--print"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        text.contains("theme = \"light\"\nmouse = true"),
        "the rest is kept: {text}"
    );
    assert!(text.contains("quit = [\"Q\"]"), "{text}");
    assert!(
        text.contains("down = [\"n\"]"),
        "the good key of an entry is kept: {text}"
    );
    assert!(
        err.contains("config.toml:3:1: error: unknown setting `bogus`"),
        "{err}"
    );
    assert!(err.contains("config.toml:8:9: error:"), "{err}");
    // `j` for toggle_reviewed is taken in the detail pane and the matrix
    // (the list's `j` is gone: its down is `n` now).
    assert!(
        err.contains("config.toml:6:20: warning: `j` for `toggle_reviewed` never reaches it in the detail (`next_link`) and the matrix (`down`)"),
        "{err}"
    );
    // The list's `n` hides the global `n` (next_match) in lists.
    assert!(
        err.contains("warning: `n` for `down` in the list hides the global `n` (`next_match`)"),
        "{err}"
    );
}
