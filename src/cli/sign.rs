//! `brief sign FILE --key KEY`: write FILE.sig, as `ssh-keygen -Y sign -n
//! brief -f KEY FILE` does; and the `allowed_signers` every command that
//! checks signatures trusts.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::SystemTime;

use clap::Args;

use brief::sanitize::escape_line;
use brief::signature::{self, AllowedSigners, SignatureState, sign};
use brief::tui::config::{Config, config_dir};

/// The environment variable `brief sign` reads a key's passphrase from,
/// for scripts; without it the passphrase is asked on the terminal.
pub const PASSPHRASE_VAR: &str = "BRIEF_SIGN_PASSPHRASE";

#[derive(Debug, Args)]
pub struct SignArgs {
    /// Briefing file to sign.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// OpenSSH private key to sign with, e.g. ~/.ssh/id_ed25519. Its
    /// passphrase is asked on the terminal, or read from
    /// BRIEF_SIGN_PASSPHRASE.
    #[arg(long, value_name = "KEY")]
    pub key: PathBuf,
    /// Write the signature here instead of FILE.sig.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

fn shown(path: &Path) -> String {
    escape_line(&path.display().to_string()).into_owned()
}

pub fn run(args: &SignArgs) -> ExitCode {
    match sign_file(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("brief sign: {}", escape_line(&why));
            ExitCode::FAILURE
        }
    }
}

fn sign_file(args: &SignArgs) -> Result<(), String> {
    // A briefing with errors is not worth vouching for.
    let checked = brief::load::check_file(&args.file);
    if checked.report.has_errors() || checked.briefing.is_none() {
        eprint!("{}", checked.report.render());
        return Err(format!("{} has errors: not signed", shown(&args.file)));
    }
    let key = sign::read_private_key(&args.key)?;
    let key = if key.is_encrypted() {
        let passphrase = passphrase(&args.key)?;
        sign::decrypt(&key, passphrase.as_bytes())
            .map_err(|why| format!("{}: {why}", shown(&args.key)))?
    } else {
        key
    };
    let bytes = sign::read_briefing(&args.file)?;
    let text = sign::sign(&bytes, &key)?;
    // The signature must check out against the bytes it was made for.
    let state = signature::verify_with(
        text.as_bytes(),
        || Ok(bytes.clone()),
        &AllowedSigners::none(),
        0,
    );
    if !matches!(state, SignatureState::Untrusted { .. }) {
        return Err(format!("the new signature does not verify: {state}"));
    }
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| signature::signature_path(&args.file));
    // A bare file name has an empty parent; the temporary file must go in
    // the current directory then, next to its target.
    let target = match out.parent() {
        Some(dir) if dir.as_os_str().is_empty() => Path::new(".").join(&out),
        _ => out.clone(),
    };
    brief::review::store::write_atomic(&target, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", shown(&out)))?;
    let public = ssh_key::PublicKey::from(key.public_key().key_data().clone())
        .to_openssh()
        .unwrap_or_default();
    let comment = key.comment().trim();
    let principal = if comment.is_empty() || comment.contains(char::is_whitespace) {
        "YOU@EXAMPLE.ORG"
    } else {
        comment
    };
    let key_id = state.key().map(ToString::to_string).unwrap_or_default();
    println!(
        "signed {} → {} ({key_id})\n\
         Readers trust it with this line in their allowed_signers file:\n  \
         {} namespaces=\"brief\" {public}",
        shown(&args.file),
        shown(&out),
        escape_line(principal),
    );
    Ok(())
}

/// The key's passphrase: from BRIEF_SIGN_PASSPHRASE, else asked on the
/// terminal without echo.
fn passphrase(key: &Path) -> Result<String, String> {
    if let Some(value) = std::env::var_os(PASSPHRASE_VAR) {
        return value
            .into_string()
            .map_err(|_| format!("{PASSPHRASE_VAR} is not UTF-8"));
    }
    rpassword::prompt_password(format!("Passphrase for {}: ", shown(key))).map_err(|e| {
        format!(
            "{} is protected by a passphrase and there is no terminal to ask it on ({e}); set {PASSPHRASE_VAR}",
            shown(key)
        )
    })
}

/// The keys trusted to sign briefings: those in `path`, else in the file
/// config.toml names (by default `allowed_signers` in the config
/// directory). What is wrong with the file is printed, and summed up in
/// the returned warning.
pub fn allowed_signers(
    path: Option<&Path>,
    config: Option<&Config>,
) -> (AllowedSigners, Option<String>) {
    let configured;
    let path = match path {
        Some(path) => Some(path.to_path_buf()),
        None => {
            let config = match config {
                Some(config) => config,
                None => {
                    let file = config_dir().map(|d| d.join("config.toml"));
                    configured = Config::load(file.as_deref()).0;
                    &configured
                }
            };
            config.allowed_signers_path()
        }
    };
    let Some(path) = path else {
        return (AllowedSigners::none(), None);
    };
    let (signers, report) = AllowedSigners::load(&path);
    let warning = report.map(|report| {
        eprint!("{}", report.render());
        format!(
            "{} has errors: its bad lines are left out (details on exit)",
            shown(&path)
        )
    });
    (signers, warning)
}

/// Checks the briefing at `path` now.
pub fn verify(path: &Path, signers: &AllowedSigners) -> SignatureState {
    signature::verify(path, signers, SystemTime::now())
}
