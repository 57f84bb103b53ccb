//! Small text helpers shared by every output, as havlak/text_format.cc.

/// "1 block", "2 blocks".
pub fn count(n: i64, noun: &str) -> String {
    format!("{} {}{}", n, noun, if n == 1 { "" } else { "s" })
}

/// A name (a path, an argument) safe to print on one line: backslash and
/// control bytes escaped; other bytes, UTF-8 or not, kept as they are.
pub fn printable_name(name: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(name.len());
    for &byte in name {
        match byte {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0..=0x1f | 0x7f => out.extend_from_slice(format!("\\x{:02x}", byte).as_bytes()),
            _ => out.push(byte),
        }
    }
    out
}

/// C's `%g`: 6 significant digits, trailing zeros dropped, an exponent of
/// at least two digits when it is below -4 or at least 6.
pub fn format_g(value: f64) -> String {
    if value == 0.0 || !value.is_finite() {
        return format!("{}", value);
    }
    let scientific = format!("{:.5e}", value);
    let (mantissa, exponent) = scientific.split_once('e').unwrap();
    let exponent: i32 = exponent.parse().unwrap();
    let trim = |text: &str| -> String {
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text.to_string()
        }
    };
    if !(-4..6).contains(&exponent) {
        let sign = if exponent < 0 { '-' } else { '+' };
        format!("{}e{}{:02}", trim(mantissa), sign, exponent.abs())
    } else {
        trim(&format!("{:.*}", (5 - exponent) as usize, value))
    }
}

/// An OS error as C's strerror says it: "No such file or directory", without
/// the " (os error 2)" that Rust adds.
pub fn os_error(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if error.raw_os_error().is_some() => text[..at].to_string(),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "block"), "1 block");
        assert_eq!(count(0, "loop"), "0 loops");
        assert_eq!(count(252013, "block"), "252013 blocks");
    }

    #[test]
    fn printable_names_escape_control_bytes() {
        assert_eq!(printable_name(b"a\nb\\c\x01\x7f\xc3\xa9"), b"a\\nb\\\\c\\x01\\x7f\xc3\xa9".to_vec());
    }

    #[test]
    fn format_g_is_c_percent_g() {
        for (value, text) in [
            (1.0, "1"),
            (0.5, "0.5"),
            (0.013, "0.013"),
            (400.0, "400"),
            (0.01, "0.01"),
            (123456.0, "123456"),
            (1234567.0, "1.23457e+06"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (2.5, "2.5"),
            (1.0 / 3.0, "0.333333"),
        ] {
            assert_eq!(format_g(value), text, "{}", value);
        }
    }

    #[test]
    fn os_errors_read_like_strerror() {
        assert_eq!(os_error(&std::io::Error::from_raw_os_error(2)), "No such file or directory");
    }
}
