//! Signed briefings, with the real `ssh-keygen` (Debian's openssh-client;
//! `.ci/run` installs it): its signatures verify, a changed byte is bad, an
//! unknown key, another namespace and an expired key are not trusted, a
//! signature by `brief sign` verifies with `ssh-keygen -Y verify`, and a
//! hostile `.sig` gives a clear error with nothing printed raw. Every run
//! of `brief` has a home and XDG directories of its own.

mod common;
#[path = "common/isolated.rs"]
mod isolated;
#[path = "common/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

use brief::signature::{self, AllowedSigners, Distrust, Refusal, SignatureState};

const EXAMPLE: &str = "briefings/example.toml";
const FIXTURE: &str = "tests/fixtures/signed";

/// A home for one test: config, data and the keys and files it makes.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let home = Home {
            dir: tempfile::tempdir().expect("temporary home"),
        };
        std::fs::create_dir_all(home.config()).expect("config dir");
        home
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn config(&self) -> PathBuf {
        self.path().join("config").join("brief")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.path().join(name)
    }

    /// A copy of the example briefing, named `name`.
    fn briefing(&self, name: &str) -> PathBuf {
        let path = self.file(name);
        std::fs::copy(EXAMPLE, &path).expect("copy the example");
        path
    }

    /// A new ed25519 key `name`, with `passphrase` (empty for none).
    fn key(&self, name: &str, comment: &str, passphrase: &str) -> PathBuf {
        let path = self.file(name);
        ssh_keygen(&[
            "-q",
            "-t",
            "ed25519",
            "-N",
            passphrase,
            "-C",
            comment,
            "-f",
            path.to_str().expect("UTF-8 path"),
        ]);
        path
    }

    /// Writes the config directory's `allowed_signers`.
    fn trust(&self, lines: &[String]) {
        std::fs::write(
            self.config().join("allowed_signers"),
            lines.join("\n") + "\n",
        )
        .expect("write allowed_signers");
    }

    fn signers(&self) -> AllowedSigners {
        let (signers, report) = AllowedSigners::load(&self.config().join("allowed_signers"));
        assert!(
            report.is_none(),
            "{}",
            report.map(|r| r.render()).unwrap_or_default()
        );
        signers
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = isolated::brief(self.path());
        command
            .args(args)
            .env_remove("BRIEF_SIGN_PASSPHRASE")
            .stdin(Stdio::null());
        command
    }

    fn brief(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("brief runs")
    }
}

fn ssh_keygen(args: &[&str]) -> Output {
    let out = Command::new("ssh-keygen")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("ssh-keygen runs: install openssh-client (apt-get install openssh-client)");
    assert!(
        out.status.success(),
        "ssh-keygen {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// `ssh-keygen -Y sign -n NAMESPACE -f KEY FILE`.
fn ssh_sign(key: &Path, file: &Path, namespace: &str) {
    ssh_keygen(&[
        "-Y",
        "sign",
        "-n",
        namespace,
        "-f",
        key.to_str().expect("UTF-8"),
        file.to_str().expect("UTF-8"),
    ]);
}

/// The `allowed_signers` line for `key` with `options`.
fn line(principal: &str, options: &str, key: &Path) -> String {
    let public = std::fs::read_to_string(key.with_extension("pub")).expect("public key");
    let mut words = public.split_whitespace();
    let (kind, blob) = (words.next().expect("type"), words.next().expect("key"));
    format!("{principal} {options} {kind} {blob}").replace("  ", " ")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn now() -> SystemTime {
    SystemTime::now()
}

fn verify(path: &Path, signers: &AllowedSigners) -> SignatureState {
    signature::verify(path, signers, now())
}

/// No escape character or other control reaches the output.
fn assert_clean(out: &Output) {
    for stream in [&out.stdout, &out.stderr] {
        let shown = text(stream);
        assert!(
            !shown.chars().any(brief::sanitize::is_unsafe),
            "raw control characters printed: {shown:?}"
        );
    }
}

#[test]
fn a_signature_made_by_ssh_keygen_verifies() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    ssh_sign(&key, &file, "brief");
    home.trust(&[line("alice@example.org", "", &key)]);
    let state = verify(&file, &home.signers());
    let SignatureState::Signed { principal, key: id } = &state else {
        panic!("not signed: {state:?}");
    };
    assert_eq!(principal, "alice@example.org");
    assert_eq!(id.kind, "ED25519");
    let fingerprint = text(&ssh_keygen(&["-l", "-f", key.to_str().expect("UTF-8")]).stdout);
    assert!(
        fingerprint.contains(&id.fingerprint),
        "{fingerprint} vs {id:?}"
    );
    assert_eq!(
        state.describe(),
        format!("signed by alice@example.org (ED25519 {})", id.fingerprint)
    );
    assert_eq!(state.short(), "✓ alice@example.org");

    let out = home.brief(&[
        "check",
        "--verify",
        "--require-signature",
        file.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).ends_with(&format!("· {}\n", state.describe())),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn one_byte_changed_after_signing_is_bad() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    ssh_sign(&key, &file, "brief");
    home.trust(&[line("alice@example.org", "", &key)]);
    let mut bytes = std::fs::read(&file).expect("read");
    let at = bytes.len() / 2;
    bytes[at] ^= 0x01;
    std::fs::write(&file, &bytes).expect("write");
    let state = verify(&file, &home.signers());
    assert!(matches!(state, SignatureState::Bad { .. }), "{state:?}");
    assert!(
        state
            .describe()
            .starts_with("BAD signature: the file changed after it was signed")
    );

    let out = home.brief(&["check", "--verify", file.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("report.toml: error: BAD signature: the file changed after it was signed"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "", "no ok line for a bad file");

    // A signature of another file is just as bad.
    let other = home.briefing("other.toml");
    std::fs::write(&other, b"format = 1\n").expect("write");
    std::fs::copy(
        signature::signature_path(&home.file("report.toml")),
        signature::signature_path(&other),
    )
    .expect("copy the signature");
    assert!(matches!(
        verify(&other, &home.signers()),
        SignatureState::Bad { .. }
    ));
}

#[test]
fn a_key_not_in_allowed_signers_is_unknown() {
    let home = Home::new();
    let alice = home.key("alice", "alice@example.org", "");
    let mallory = home.key("mallory", "alice@example.org", "");
    let file = home.briefing("report.toml");
    ssh_sign(&mallory, &file, "brief");
    home.trust(&[line("alice@example.org", "", &alice)]);
    let state = verify(&file, &home.signers());
    assert!(
        matches!(
            state,
            SignatureState::Untrusted {
                why: Distrust::UnknownKey,
                ..
            }
        ),
        "{state:?}"
    );
    assert!(
        state
            .describe()
            .starts_with("good signature from an unknown key (ED25519 SHA256:")
    );

    let path = file.to_str().expect("UTF-8");
    let out = home.brief(&["check", "--verify", path]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "an unknown key is no error by itself"
    );
    assert!(text(&out.stdout).contains("good signature from an unknown key"));
    let out = home.brief(&["check", "--require-signature", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("error: not signed by a trusted key: good signature from an unknown key"),
        "{}",
        text(&out.stderr)
    );
    // With no allowed_signers file at all, every key is unknown.
    std::fs::remove_file(home.config().join("allowed_signers")).expect("remove");
    let out = home.brief(&["check", "--verify", path]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("good signature from an unknown key"));
}

#[test]
fn a_signature_of_another_namespace_is_not_accepted() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    ssh_sign(&key, &file, "git");
    home.trust(&[line("alice@example.org", "", &key)]);
    let state = verify(&file, &home.signers());
    assert_eq!(
        state,
        SignatureState::WrongNamespace {
            namespace: "git".into()
        }
    );
    let out = home.brief(&["check", "--verify", file.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr)
            .contains("signature not for briefings: it was made for namespace `git`, not `brief`"),
        "{}",
        text(&out.stderr)
    );

    // A key allowed only for other namespaces does not sign briefings.
    std::fs::remove_file(signature::signature_path(&file)).expect("remove");
    ssh_sign(&key, &file, "brief");
    home.trust(&[line("alice@example.org", "namespaces=\"git,file\"", &key)]);
    let state = verify(&file, &home.signers());
    assert!(
        matches!(
            &state,
            SignatureState::Untrusted {
                why: Distrust::Refused {
                    why: Refusal::Namespace(_),
                    ..
                },
                ..
            }
        ),
        "{state:?}"
    );
    home.trust(&[line("alice@example.org", "namespaces=\"git,brief\"", &key)]);
    assert_eq!(verify(&file, &home.signers()).name(), "signed");
}

#[test]
fn an_expired_or_not_yet_valid_key_is_not_trusted() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    ssh_sign(&key, &file, "brief");
    let path = file.to_str().expect("UTF-8");
    home.trust(&[line("alice@example.org", "valid-before=\"20200101\"", &key)]);
    let state = verify(&file, &home.signers());
    assert!(
        matches!(
            &state,
            SignatureState::Untrusted {
                why: Distrust::Refused {
                    why: Refusal::Expired(_),
                    ..
                },
                ..
            }
        ),
        "{state:?}"
    );
    assert!(
        state
            .describe()
            .contains("is not trusted: it expired on 20"),
        "{}",
        state.describe()
    );
    // ssh-keygen agrees.
    let out = Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-n",
            "brief",
            "-I",
            "alice@example.org",
            "-s",
        ])
        .arg(signature::signature_path(&file))
        .arg("-f")
        .arg(home.config().join("allowed_signers"))
        .stdin(std::fs::File::open(&file).expect("open"))
        .output()
        .expect("ssh-keygen runs");
    assert!(!out.status.success(), "ssh-keygen trusts an expired key");
    let out = home.brief(&["check", "--require-signature", path]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("not signed by a trusted key"),
        "{}",
        text(&out.stderr)
    );

    home.trust(&[line("alice@example.org", "valid-after=\"29990101Z\"", &key)]);
    let state = verify(&file, &home.signers());
    assert!(
        matches!(
            &state,
            SignatureState::Untrusted {
                why: Distrust::Refused {
                    why: Refusal::NotYetValid(_),
                    ..
                },
                ..
            }
        ),
        "{state:?}"
    );
    home.trust(&[line(
        "alice@example.org",
        "valid-after=\"20200101\",valid-before=\"29990101\"",
        &key,
    )]);
    assert_eq!(verify(&file, &home.signers()).name(), "signed");
}

#[test]
fn a_signature_by_brief_sign_verifies_with_ssh_keygen() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    let out = home.brief(&[
        "sign",
        file.to_str().expect("UTF-8"),
        "--key",
        key.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let printed = text(&out.stdout);
    assert!(printed.starts_with("signed "), "{printed}");
    // The line it prints is the line readers add.
    let trusted = printed.lines().last().expect("a line").trim().to_string();
    assert!(
        trusted.starts_with("alice@example.org namespaces=\"brief\" ssh-ed25519 "),
        "{trusted}"
    );
    home.trust(&[trusted]);
    let out = Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-n",
            "brief",
            "-I",
            "alice@example.org",
            "-f",
        ])
        .arg(home.config().join("allowed_signers"))
        .arg("-s")
        .arg(signature::signature_path(&file))
        .stdin(std::fs::File::open(&file).expect("open"))
        .output()
        .expect("ssh-keygen runs");
    assert!(
        out.status.success(),
        "ssh-keygen: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("Good \"brief\" signature for alice@example.org"));
    assert_eq!(verify(&file, &home.signers()).name(), "signed");
}

#[test]
fn brief_sign_unlocks_a_key_with_its_passphrase() {
    let home = Home::new();
    let key = home.key("bob", "bob@example.org", "correct horse");
    let file = home.briefing("report.toml");
    let args = [
        "sign",
        file.to_str().expect("UTF-8"),
        "--key",
        key.to_str().expect("UTF-8"),
    ];
    // No terminal and no variable: it says what to do.
    let out = home
        .command(&args)
        .stdin(Stdio::null())
        .output()
        .expect("runs");
    let no_terminal = Command::new("setsid")
        .arg("-w")
        .arg(env!("CARGO_BIN_EXE_brief"))
        .args(args)
        .envs(isolated::directories(home.path()))
        .env_remove("BRIEF_SIGN_PASSPHRASE")
        .stdin(Stdio::null())
        .output();
    for out in std::iter::once(out).chain(no_terminal) {
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("set BRIEF_SIGN_PASSPHRASE"),
            "{}",
            text(&out.stderr)
        );
    }
    let out = home
        .command(&args)
        .env("BRIEF_SIGN_PASSPHRASE", "wrong")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("wrong passphrase"),
        "{}",
        text(&out.stderr)
    );
    assert!(!signature::signature_path(&file).exists());
    let out = home
        .command(&args)
        .env("BRIEF_SIGN_PASSPHRASE", "correct horse")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    home.trust(&[line("bob@example.org", "", &key)]);
    assert_eq!(
        verify(&file, &home.signers()).principal(),
        Some("bob@example.org")
    );
}

#[test]
fn brief_sign_refuses_what_it_cannot_sign() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    let path = file.to_str().expect("UTF-8");
    let public = key.with_extension("pub");
    let out = home.brief(&["sign", path, "--key", public.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is a public key"),
        "{}",
        text(&out.stderr)
    );
    let broken = home.file("broken.toml");
    std::fs::write(&broken, "format = 1\n[briefing\n").expect("write");
    let out = home.brief(&[
        "sign",
        broken.to_str().expect("UTF-8"),
        "--key",
        key.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("has errors: not signed"),
        "{}",
        text(&out.stderr)
    );
    assert!(!signature::signature_path(&broken).exists());
}

#[test]
fn a_certificate_is_trusted_through_its_authority() {
    let home = Home::new();
    let ca = home.key("ca", "team CA", "");
    let carol = home.key("carol", "carol", "");
    ssh_keygen(&[
        "-q",
        "-s",
        ca.to_str().expect("UTF-8"),
        "-I",
        "carol",
        "-n",
        "carol@example.org",
        "-V",
        "-1d:+30d",
        carol.with_extension("pub").to_str().expect("UTF-8"),
    ]);
    let certificate = home.file("carol-cert.pub");
    let file = home.briefing("report.toml");
    ssh_sign(&certificate, &file, "brief");
    home.trust(&[line("*@example.org", "cert-authority", &ca)]);
    let state = verify(&file, &home.signers());
    assert_eq!(state.principal(), Some("carol@example.org"), "{state:?}");
    assert_eq!(state.key().map(|k| k.kind.as_str()), Some("ED25519-CERT"));

    // The authority's key alone does not make the certificate's key trusted.
    home.trust(&[line("*@example.org", "", &ca)]);
    assert_eq!(verify(&file, &home.signers()).name(), "untrusted");
    // Nor does an authority for other principals.
    home.trust(&[line("*@example.com", "cert-authority", &ca)]);
    let state = verify(&file, &home.signers());
    assert!(
        state.describe().contains("none of its principals matches"),
        "{state:?}"
    );
    // A changed file is bad whoever vouches for the key.
    home.trust(&[line("*@example.org", "cert-authority", &ca)]);
    std::fs::write(
        &file,
        std::fs::read_to_string(EXAMPLE).expect("read") + "\n",
    )
    .expect("write");
    assert_eq!(verify(&file, &home.signers()).name(), "bad");
}

#[test]
fn a_hostile_sig_file_gives_a_clear_error_and_prints_nothing_raw() {
    let home = Home::new();
    let file = home.briefing("report.toml");
    let path = file.to_str().expect("UTF-8");
    let sig = signature::signature_path(&file);
    let cases: [(&[u8], &str); 4] = [
        (b"\x1b]0;pwned\x07\x1b[2J garbage", "not an SSH signature"),
        (&[0xff, 0x00, 0x1b, 0x9b], "not text"),
        (
            b"-----BEGIN SSH SIGNATURE-----\n\x1b[31mAAAA\n-----END SSH SIGNATURE-----\n",
            "damaged",
        ),
        (&[b'A'; 200 * 1024], "larger than 64 KiB"),
    ];
    for (bytes, expected) in cases {
        std::fs::write(&sig, bytes).expect("write the .sig");
        let out = home.brief(&["check", "--verify", path]);
        assert_eq!(out.status.code(), Some(1), "{expected}");
        let err = text(&out.stderr);
        assert!(err.contains("error: signature unreadable: "), "{err}");
        assert!(err.contains(expected), "{expected}: {err}");
        assert_clean(&out);
    }

    // Escape sequences in the namespace (from the .sig) and the principal
    // (from allowed_signers) come out as visible escapes.
    let key = home.key("eve", "eve", "");
    std::fs::remove_file(&sig).expect("remove");
    ssh_sign(&key, &file, "evil\u{1b}[2J");
    let out = home.brief(&["check", "--verify", path]);
    assert!(
        text(&out.stderr).contains("namespace `evil\\u{1b}[2J`"),
        "{}",
        text(&out.stderr)
    );
    assert_clean(&out);
    std::fs::remove_file(&sig).expect("remove");
    ssh_sign(&key, &file, "brief");
    home.trust(&[line("\u{1b}]52;c;cHduZWQ=\u{7}eve@example.org", "", &key)]);
    let shown = "\\u{1b}]52;c;cHduZWQ=\\u{7}eve@example.org";
    for args in [vec!["check", "--verify", path], vec!["export", path]] {
        let out = home.brief(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains(shown), "{args:?}");
        assert_clean(&out);
    }
    let out = home.brief(&["export", "--format", "json", path]);
    assert_clean(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["signature"]["principal"], shown);
    assert_eq!(
        json["signature"]["description"]
            .as_str()
            .map(|d| d.contains(shown)),
        Some(true)
    );
}

#[test]
fn a_fifo_as_signature_does_not_hang() {
    let home = Home::new();
    let file = home.briefing("report.toml");
    let sig = signature::signature_path(&file);
    let status = Command::new("mkfifo")
        .arg(&sig)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
    let mut child = home
        .command(&["check", "--verify", file.to_str().expect("UTF-8")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("brief runs");
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().expect("poll").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("brief hung on a FIFO named FILE.sig");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("is not a regular file"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_signed_example_fixture_verifies() {
    let home = Home::new();
    let briefing = format!("{FIXTURE}/example.toml");
    let signers = format!("{FIXTURE}/allowed_signers");
    let out = home.brief(&[
        "check",
        "--require-signature",
        "--allowed-signers",
        &signers,
        &briefing,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("· signed by analyst@example.org (ED25519 SHA256:"),
        "{}",
        text(&out.stdout)
    );
    // It verifies with ssh-keygen too.
    let out = Command::new("ssh-keygen")
        .args([
            "-Y",
            "verify",
            "-n",
            "brief",
            "-I",
            "analyst@example.org",
            "-f",
            &signers,
            "-s",
        ])
        .arg(format!("{briefing}.sig"))
        .stdin(std::fs::File::open(&briefing).expect("open"))
        .output()
        .expect("ssh-keygen runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A missing --allowed-signers file is a usage error.
    let out = home.brief(&[
        "check",
        "--verify",
        "--allowed-signers",
        "no/such/file",
        &briefing,
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn exports_of_a_file_carry_its_signature() {
    let home = Home::new();
    std::fs::copy(
        format!("{FIXTURE}/allowed_signers"),
        home.config().join("allowed_signers"),
    )
    .expect("copy");
    let briefing = format!("{FIXTURE}/example.toml");
    let out = home.brief(&["export", &briefing]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("\n\n**Signature:** signed by analyst@example.org (ED25519 SHA256:"),
        "{}",
        text(&out.stdout)
    );
    let out = home.brief(&["export", "--format", "json", &briefing]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let signature = &json["signature"];
    assert_eq!(signature["state"], "signed");
    assert_eq!(signature["principal"], "analyst@example.org");
    assert_eq!(signature["key_type"], "ED25519");
    assert!(
        signature["fingerprint"]
            .as_str()
            .is_some_and(|f| f.starts_with("SHA256:"))
    );
    // The built-in briefing is no file: nothing is said.
    let out = home.brief(&["export", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(json.get("signature").is_none());
}

#[test]
fn require_signature_refuses_an_unsigned_file_before_the_screen_opens() {
    let home = Home::new();
    std::fs::write(
        home.config().join("config.toml"),
        "require_signature = true\n",
    )
    .expect("write");
    let file = home.briefing("report.toml");
    let out = home.brief(&[file.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("report.toml is not opened: it is not signed, and config.toml has require_signature = true"),
        "{err}"
    );
    assert!(!err.contains("\u{1b}["), "the screen never opened: {err:?}");
    // Signed by an unknown key: refused too, with the key named.
    let key = home.key("alice", "alice@example.org", "");
    ssh_sign(&key, &file, "brief");
    let out = home.brief(&[file.to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("it is good signature from an unknown key"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_reader_shows_who_signed_and_warns_of_a_bad_signature() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    ssh_sign(&key, &file, "brief");
    home.trust(&[line("alice@example.org", "", &key)]);
    let path = file.to_str().expect("UTF-8");
    let mut tui = pty::Tui::start_at(home.path(), &[path], 120, 30, &[]);
    tui.wait_for("✓ alice@example.org");
    let screen = tui.screen();
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .contains("✓ alice@example.org"),
        "{screen}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);

    // One byte changed: the header and the status bar say so.
    let changed = std::fs::read_to_string(&file).expect("read").replace(
        "every clause is on the table",
        "every clause is under the table",
    );
    std::fs::write(&file, changed).expect("write");
    let mut tui = pty::Tui::start_at(home.path(), &[path], 120, 30, &[]);
    tui.wait_for("✗ BAD SIGNATURE: file changed after signing");
    tui.wait_for("BAD signature: the file changed after it was signed");
    let screen = tui.screen();
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or_default()
            .contains("BAD SIGNATURE"),
        "{screen}"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
}

#[test]
fn require_signature_still_opens_the_built_in_briefing() {
    let home = Home::new();
    std::fs::write(
        home.config().join("config.toml"),
        "require_signature = true\n",
    )
    .expect("write");
    let mut tui = pty::Tui::start_at(home.path(), &[], 120, 40, &[]);
    tui.wait_for("Damascus and Moscow after Assad");
    tui.send("q");
    assert_eq!(tui.wait_exit().exit_code(), 0);
}

/// The reader's first line, drawn with `state` as the file's signature.
fn header_with(state: Option<SignatureState>, width: u16, stale: bool) -> String {
    let briefing = brief::Briefing::load(EXAMPLE).expect("the example loads");
    let mut app = common::app_with(briefing, width, 24);
    let then = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    app.modified = Some(if stale {
        then + Duration::from_secs(1)
    } else {
        then
    });
    app.signature = state.map(|state| signature::Verification {
        state,
        modified: Some(then),
    });
    common::screen(&app)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_header_shows_the_state_compactly_and_a_bad_one_loudly() {
    let key = signature::KeyId {
        kind: "ED25519".into(),
        fingerprint: "SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG".into(),
    };
    let plain = header_with(None, 100, false);
    assert_eq!(
        header_with(Some(SignatureState::NotSigned), 100, false),
        plain
    );
    let signed = header_with(
        Some(SignatureState::Signed {
            principal: "alice@example.org".into(),
            key: key.clone(),
        }),
        100,
        false,
    );
    assert!(signed.contains("The Corvo port lease"), "{signed}");
    assert!(signed.contains(" ✓ alice@example.org "), "{signed}");
    let stale = header_with(
        Some(SignatureState::Signed {
            principal: "alice@example.org".into(),
            key: key.clone(),
        }),
        100,
        true,
    );
    assert!(
        stale.contains("⚠ file changed since opened: signature not rechecked"),
        "{stale}"
    );
    assert!(!stale.contains('✓'), "{stale}");
    // On a narrow screen the warning still shows, over the title.
    let bad = header_with(Some(SignatureState::Bad { key: key.clone() }), 60, false);
    assert!(
        bad.contains("✗ BAD SIGNATURE: file changed after signing"),
        "{bad}"
    );
    let unknown = header_with(
        Some(SignatureState::Untrusted {
            key,
            why: Distrust::UnknownKey,
        }),
        120,
        false,
    );
    assert!(
        unknown.contains("? unknown key SHA256:abcdefghij"),
        "{unknown}"
    );
}

/// A reload (`r`, or `--watch`) checks the new version's signature again:
/// a file changed after signing shows as bad, and with require_signature
/// the change is not shown at all.
#[test]
fn a_reload_checks_the_signature_again() {
    let home = Home::new();
    let key = home.key("alice", "alice@example.org", "");
    let file = home.briefing("report.toml");
    ssh_sign(&key, &file, "brief");
    home.trust(&[line("alice@example.org", "", &key)]);
    let signers = home.signers();
    let briefing = brief::Briefing::load(&file).expect("valid");
    let mut app = common::app_with(briefing, 120, 40);
    app.source = Some(file.clone());
    app.signers = Some(signers.clone());
    app.signature = Some(signature::Verification::of(&file, &signers));
    assert!(app.signature.as_ref().is_some_and(|c| c.state.is_trusted()));

    let text = std::fs::read_to_string(&file).expect("read");
    let edited = text.replacen("The Corvo port lease", "The Corvo port lease, edited", 1);
    assert_ne!(edited, text);
    std::fs::write(&file, &edited).expect("write");
    common::press(&mut app, "r");
    let checked = app.signature.as_ref().expect("checked again");
    assert!(
        matches!(checked.state, SignatureState::Bad { .. }),
        "{:?}",
        checked.state
    );
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.contains("BAD signature"), "{message}");
    assert!(app.briefing.meta.title.ends_with("edited"));

    app.require_signature = true;
    std::fs::write(&file, edited.replacen("edited", "edited twice", 1)).expect("write");
    common::press(&mut app, "r");
    let (message, _) = app.message.clone().expect("a message");
    assert!(message.starts_with("Not reloaded"), "{message}");
    assert!(
        app.briefing.meta.title.ends_with("edited"),
        "the change is not shown"
    );
}
