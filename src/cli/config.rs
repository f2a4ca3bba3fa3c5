//! `brief config --print`: the effective configuration and where its files
//! live; `brief completions SHELL`: shell completions from clap.

use std::fmt::Write;
use std::process::ExitCode;

use clap::{Args, CommandFactory};

use brief::sanitize::escape_line;
use brief::tui::config::{Config, config_dir};
use brief::tui::keymap::Mode;
use brief::tui::theme::{Theme, user_theme_dir};

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the effective configuration (defaults merged with config.toml).
    #[arg(long)]
    pub print: bool,
}

pub fn run(args: &ConfigArgs) -> ExitCode {
    let path = config_dir().map(|d| d.join("config.toml"));
    let shown = |p: Option<std::path::PathBuf>| {
        p.map_or_else(
            || "(no home directory)".to_string(),
            |p| escape_line(&p.display().to_string()).into_owned(),
        )
    };
    let exists = path.as_ref().is_some_and(|p| p.exists());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# config file:   {}{}",
        shown(path.clone()),
        if exists {
            ""
        } else {
            " (not present: defaults apply)"
        }
    );
    let _ = writeln!(out, "# themes folder: {}", shown(user_theme_dir()));
    let _ = writeln!(
        out,
        "# themes:        {}",
        Theme::available(user_theme_dir().as_deref()).join(", ")
    );
    if !args.print {
        println!("{out}# `brief config --print` shows the effective settings");
        return ExitCode::SUCCESS;
    }
    let (config, problems) = Config::load(path.as_deref());
    if let Some(report) = &problems {
        eprint!("{}", report.render());
    }
    let _ = writeln!(
        out,
        "\ntheme = \"{}\"\nmouse = {}",
        escape_line(&config.theme),
        config.mouse
    );
    let signers = config.allowed_signers_path().map_or_else(
        || "(no home directory)".to_string(),
        |p| {
            escape_line(&p.display().to_string())
                .replace('\\', "\\\\")
                .replace('"', "\\\"")
        },
    );
    let _ = writeln!(
        out,
        "allowed_signers = \"{signers}\"\nrequire_signature = {}",
        config.require_signature
    );
    for mode in Mode::ALL {
        let _ = writeln!(out, "\n[keys.{}]", mode.name());
        for (action, keys) in config.keymap.bindings(mode) {
            let keys: Vec<String> = keys
                .iter()
                .map(|k| {
                    format!(
                        "\"{}\"",
                        k.to_string().replace('\\', "\\\\").replace('"', "\\\"")
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "{} = [{}]  # {}",
                action.name(),
                keys.join(", "),
                action.description()
            );
        }
    }
    print!("{out}");
    // The settings shown are those in force; entries left out make it fail.
    if problems.is_some_and(|r| r.has_errors()) {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

pub fn completions(shell: clap_complete::Shell) -> ExitCode {
    let mut command = super::Cli::command();
    clap_complete::generate(shell, &mut command, "brief", &mut std::io::stdout());
    ExitCode::SUCCESS
}
