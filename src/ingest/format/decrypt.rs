//! Files encrypted with Excel's built-in password. When a workbook's structure is
//! protected (or it is saved "read-only recommended" by some tools) without a password
//! to open it, Excel still encrypts it, with the fixed password "VelvetSweatshop", and
//! opens it without asking; LibreOffice does the same. Such a file is decrypted here
//! (msoffice-crypto: ECMA-376 agile and standard for an encrypted .xlsx package, RC4
//! CryptoAPI, Office 97 RC4 and XOR obfuscation for an .xls) and read as any other. A
//! file with a real password does not open with it and stays refused as encrypted.

use crate::ingest::error::ReadError;

/// The password Excel uses when the user set none ([MS-OFFCRYPTO] 2.3.6.1, [MS-XLS]
/// 2.2.10).
const DEFAULT_PASSWORD: &str = "VelvetSweatshop";

/// An encrypted OOXML package (an OLE file with an EncryptedPackage stream) → the
/// package's zip bytes.
pub(super) fn package(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    msoffice_crypto::decrypt_ooxml(bytes, DEFAULT_PASSWORD).map_err(|_| ReadError::Encrypted)
}

/// An .xls whose workbook stream is encrypted (FILEPASS) → the same OLE file with the
/// stream decrypted (FILEPASS neutralised).
pub(super) fn workbook(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    msoffice_crypto::decrypt_binary_office(bytes, DEFAULT_PASSWORD)
        .map_err(|_| ReadError::Encrypted)
}
