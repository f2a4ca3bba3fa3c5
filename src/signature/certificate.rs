//! Signatures made with an OpenSSH certificate (`ssh-keygen -Y sign -f
//! KEY-cert.pub`), trusted through a `cert-authority` line of
//! `allowed_signers` as `ssh-keygen -Y verify` trusts them: the authority
//! signed the certificate, the certificate is a user certificate valid now,
//! and one of its principals matches the line's patterns.

use base64::Engine;
use ssh_encoding::Decode;
use ssh_key::certificate::CertType;
use ssh_key::{Certificate, HashAlg, Signature, SshSig};

use super::allowed::match_list;
use super::{AllowedSigners, Distrust, KeyId, NAMESPACE, SignatureState};

/// Reads a PEM signature whose key is a certificate: the signature with the
/// certificate's key in its place, and the certificate. `None` when the
/// signature's key is no certificate (or the text no signature at all).
pub(super) fn split(pem: &str) -> Option<Result<(SshSig, Certificate), String>> {
    let body: String = pem
        .strip_prefix("-----BEGIN SSH SIGNATURE-----")?
        .trim_end()
        .strip_suffix("-----END SSH SIGNATURE-----")?
        .split_whitespace()
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body)
        .ok()?;
    let mut fields = Fields(bytes.strip_prefix(b"SSHSIG")?);
    let version = fields.u32()?;
    let key_blob = fields.string()?;
    let algorithm = Fields(key_blob).string()?;
    if !algorithm.ends_with(b"-cert-v01@openssh.com") {
        return None;
    }
    Some(read(version, key_blob, fields))
}

fn read(
    version: u32,
    key_blob: &[u8],
    mut fields: Fields,
) -> Result<(SshSig, Certificate), String> {
    let damaged = |what: &str| format!("the SSH signature is damaged ({what})");
    if version != SshSig::VERSION {
        return Err(format!("SSH signature version {version} is not known"));
    }
    let certificate = Certificate::from_bytes(key_blob)
        .map_err(|e| format!("the signer's certificate is damaged ({e})"))?;
    let namespace = fields.string().ok_or_else(|| damaged("namespace"))?;
    let _reserved = fields.string().ok_or_else(|| damaged("reserved"))?;
    let hash = fields.string().ok_or_else(|| damaged("hash"))?;
    let mut signature = fields.string().ok_or_else(|| damaged("signature"))?;
    if !fields.0.is_empty() {
        return Err(damaged("trailing data"));
    }
    let namespace =
        String::from_utf8(namespace.to_vec()).map_err(|_| damaged("namespace is not text"))?;
    let hash = std::str::from_utf8(hash)
        .ok()
        .and_then(|h| HashAlg::new(h).ok())
        .ok_or_else(|| damaged("unknown hash"))?;
    let signature = Signature::decode(&mut signature).map_err(|e| damaged(&e.to_string()))?;
    let signature = SshSig::new(certificate.public_key().clone(), namespace, hash, signature)
        .map_err(|e| damaged(&e.to_string()))?;
    Ok((signature, certificate))
}

/// SSH wire fields, read from the front.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_be_bytes(*head))
    }

    fn string(&mut self) -> Option<&'a [u8]> {
        let len = usize::try_from(self.u32()?).ok()?;
        if len > self.0.len() {
            return None;
        }
        let (value, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(value)
    }
}

/// The state of a good signature made with `certificate`.
pub(super) fn trust(
    certificate: &Certificate,
    signers: &AllowedSigners,
    now: i64,
    key: KeyId,
) -> SignatureState {
    let untrusted = |why: String| SignatureState::Untrusted {
        key: key.clone(),
        why: Distrust::Certificate(why),
    };
    let authority = certificate.signature_key();
    let mut lines = signers.for_authority(authority).peekable();
    if lines.peek().is_none() {
        return untrusted(format!(
            "its authority ({}) is not in allowed_signers as a cert-authority",
            KeyId::of(authority)
        ));
    }
    if certificate.cert_type() != CertType::User {
        return untrusted("it is a host certificate, not a user certificate".to_string());
    }
    let fingerprint = authority.fingerprint(HashAlg::Sha256);
    let at = u64::try_from(now).unwrap_or_default();
    if certificate
        .validate_at(at, std::iter::once(&fingerprint))
        .is_err()
    {
        return untrusted(
            "it is expired, not yet valid, or not signed by its authority".to_string(),
        );
    }
    let (mut refused, mut refused_line) = (None, None);
    for line in lines {
        let Some(principal) = certificate
            .valid_principals()
            .iter()
            .find(|p| match_list(p, &line.principals))
        else {
            refused.get_or_insert_with(|| {
                format!(
                    "none of its principals matches \"{}\" in allowed_signers",
                    line.principals
                )
            });
            continue;
        };
        match line.refusal(NAMESPACE, now) {
            None => {
                return SignatureState::Signed {
                    principal: principal.clone(),
                    key,
                };
            }
            Some(why) => {
                refused_line.get_or_insert(Distrust::Refused {
                    principals: line.principals.clone(),
                    why,
                });
            }
        }
    }
    if let Some(why) = refused_line {
        return SignatureState::Untrusted { key, why };
    }
    untrusted(refused.unwrap_or_else(|| "it names no principal".to_string()))
}
