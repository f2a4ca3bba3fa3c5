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
