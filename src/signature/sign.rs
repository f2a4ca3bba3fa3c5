//! Signing a briefing as `ssh-keygen -Y sign -n brief -f KEY FILE` does:
//! an SSHSIG over the file's bytes with SHA-512, armoured as PEM.

use std::path::Path;

use ssh_key::{HashAlg, LineEnding, PrivateKey};

use super::{NAMESPACE, read_bounded, show_path};

/// A private key file larger than this is refused unread.
pub const MAX_KEY: u64 = 64 * 1024;

/// Reads an OpenSSH private key file (`ssh-keygen`'s default format),
/// possibly still encrypted with its passphrase.
pub fn read_private_key(path: &Path) -> Result<PrivateKey, String> {
    let bytes = match read_bounded(path, MAX_KEY)? {
        Some((bytes, _)) => Wiped(bytes),
        None => return Err(format!("{} does not exist", show_path(path))),
    };
    let text = std::str::from_utf8(&bytes.0)
        .map_err(|_| format!("{} is not an OpenSSH private key", show_path(path)))?;
    let text = text.trim();
    if text.starts_with("ssh-") || text.starts_with("ecdsa-") || text.starts_with("sk-") {
        return Err(format!(
            "{} is a public key: give the private key (the file without .pub)",
            show_path(path)
        ));
    }
    if !text.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----") {
        return Err(format!(
            "{} is not an OpenSSH private key (convert a PEM or PuTTY key with `ssh-keygen -p -f KEY`)",
            show_path(path)
        ));
    }
    PrivateKey::from_openssh(text)
        .map_err(|e| format!("{} is a damaged private key ({e})", show_path(path)))
}

/// A briefing's bytes as they are on disk, to sign them.
pub fn read_briefing(path: &Path) -> Result<Vec<u8>, String> {
    match read_bounded(path, crate::load::MAX_FILE_SIZE)? {
        Some((bytes, _)) => Ok(bytes),
        None => Err(format!("{} does not exist", show_path(path))),
    }
}

/// The key unlocked with `passphrase`, or what went wrong.
pub fn decrypt(key: &PrivateKey, passphrase: &[u8]) -> Result<PrivateKey, String> {
    key.decrypt(passphrase).map_err(|e| match e {
        ssh_key::Error::Crypto => "wrong passphrase".to_string(),
        other => format!("cannot unlock the key ({other})"),
    })
}

/// The signature of `message` by `key`, as the text of a `.sig` file.
pub fn sign(message: &[u8], key: &PrivateKey) -> Result<String, String> {
    if key.is_encrypted() {
        return Err("the key is still locked by its passphrase".to_string());
    }
    let signature = key.sign(NAMESPACE, HashAlg::Sha512, message).map_err(|e| {
        format!(
            "cannot sign with this {} key ({e}); brief signs with ED25519 and ECDSA keys, \
                 `ssh-keygen -Y sign -n brief -f KEY FILE` with any",
            key.algorithm().as_str()
        )
    })?;
    let mut pem = signature
        .to_pem(LineEnding::LF)
        .map_err(|e| format!("cannot write the signature ({e})"))?;
    if !pem.ends_with('\n') {
        pem.push('\n');
    }
    Ok(pem)
}

/// Key bytes, wiped when dropped.
struct Wiped(Vec<u8>);

impl Drop for Wiped {
    fn drop(&mut self) {
        for byte in &mut self.0 {
            // SAFETY: a volatile write to a byte we own, so that the wipe is
            // not optimised away.
            unsafe { std::ptr::write_volatile(byte, 0) };
        }
    }
}
