//! A JSON writer that writes what havlak/json_writer.cc writes: no spaces,
//! strings escaped the same way (other bytes as they are).

pub struct JsonWriter {
    out: Vec<u8>,
    has_element: Vec<bool>,
    after_key: bool,
}

impl Default for JsonWriter {
    fn default() -> Self {
        JsonWriter { out: Vec::new(), has_element: Vec::new(), after_key: false }
    }
}

impl JsonWriter {
    pub fn new() -> Self {
        Self::default()
    }

    fn before_value(&mut self) {
        if self.after_key {
            self.after_key = false;
            return;
        }
        if let Some(has) = self.has_element.last_mut() {
            if *has {
                self.out.push(b',');
            }
            *has = true;
        }
    }

    fn quoted(&mut self, text: &[u8]) {
        self.out.push(b'"');
        for &c in text {
            match c {
                b'"' => self.out.extend_from_slice(b"\\\""),
                b'\\' => self.out.extend_from_slice(b"\\\\"),
                b'\n' => self.out.extend_from_slice(b"\\n"),
                b'\t' => self.out.extend_from_slice(b"\\t"),
                0..=0x1f => self.out.extend_from_slice(format!("\\u{:04x}", c).as_bytes()),
                _ => self.out.push(c),
            }
        }
        self.out.push(b'"');
    }

    pub fn begin_object(&mut self) -> &mut Self {
        self.before_value();
        self.out.push(b'{');
        self.has_element.push(false);
        self
    }
    pub fn end_object(&mut self) -> &mut Self {
        self.has_element.pop();
        self.out.push(b'}');
        self
    }
    pub fn begin_array(&mut self) -> &mut Self {
        self.before_value();
        self.out.push(b'[');
        self.has_element.push(false);
        self
    }
    pub fn end_array(&mut self) -> &mut Self {
        self.has_element.pop();
        self.out.push(b']');
        self
    }
    pub fn key(&mut self, key: &str) -> &mut Self {
        self.before_value();
        self.quoted(key.as_bytes());
        self.out.push(b':');
        self.after_key = true;
        self
    }
    pub fn string(&mut self, value: &[u8]) -> &mut Self {
        self.before_value();
        self.quoted(value);
        self
    }
    pub fn integer(&mut self, value: i64) -> &mut Self {
        self.before_value();
        self.out.extend_from_slice(value.to_string().as_bytes());
        self
    }
    /// The shortest text that reads back as `value`; null if not finite.
    pub fn number(&mut self, value: f64) -> &mut Self {
        if !value.is_finite() {
            return self.null();
        }
        self.before_value();
        self.out.extend_from_slice(format!("{}", value).as_bytes());
        self
    }
    pub fn boolean(&mut self, value: bool) -> &mut Self {
        self.before_value();
        self.out.extend_from_slice(if value { b"true" } else { b"false" });
        self
    }
    pub fn null(&mut self) -> &mut Self {
        self.before_value();
        self.out.extend_from_slice(b"null");
        self
    }
    pub fn take(self) -> Vec<u8> {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_compact_json() {
        let mut json = JsonWriter::new();
        json.begin_object();
        json.key("a").integer(1);
        json.key("b").begin_array();
        json.string(b"x\"\n\x01").number(0.5).boolean(true).null();
        json.end_array();
        json.key("c").number(f64::NAN);
        json.end_object();
        assert_eq!(
            String::from_utf8(json.take()).unwrap(),
            r#"{"a":1,"b":["x\"\n\u0001",0.5,true,null],"c":null}"#
        );
    }
}
