//! The files of the modules the page loads after its first verdict (workshop mode, the Account
//! view, AWS's vocabulary in the page, the world builder), by the content-hashed names the build
//! gives them: scripts/module-names writes them into index.html's `#omen-modules` data block
//! (`{"account":{"js":…,"wasm":…,"css":…,"worker":…},…}`), relative to the page.

use serde_json::Value;

/// The id of the page's data block that names the modules' files.
pub const BLOCK_ID: &str = "omen-modules";

/// The path of one of a module's files (`"worker"`, `"css"`, …), as the page's block names it.
pub fn file(module: &str, which: &str) -> Result<String, String> {
    let block = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(BLOCK_ID))
        .and_then(|block| block.text_content())
        .ok_or_else(|| format!("the page has no `#{BLOCK_ID}` block naming its modules"))?;
    named(&block, module, which)
}

/// The path a block's text names for a module's file.
fn named(block: &str, module: &str, which: &str) -> Result<String, String> {
    let block: Value = serde_json::from_str(block).map_err(|e| format!("`#{BLOCK_ID}`: {e}"))?;
    block
        .pointer(&format!("/{module}/{which}"))
        .and_then(Value::as_str)
        .filter(|path| !path.is_empty())
        .map(str::to_owned)
        .ok_or_else(|| format!("`#{BLOCK_ID}` names no {which} for {module}"))
}

#[cfg(test)]
mod tests {
    use super::named;

    #[test]
    fn a_file_is_found_by_module_and_kind_and_its_absence_is_said() {
        let block = r#"{"account":{"worker":"account/account-worker-0123456789abcdef.js","css":""}}"#;
        assert_eq!(named(block, "account", "worker").as_deref(), Ok("account/account-worker-0123456789abcdef.js"));
        assert_eq!(named(block, "account", "css"), Err("`#omen-modules` names no css for account".to_string()));
        assert_eq!(named(block, "workshop", "worker"), Err("`#omen-modules` names no worker for workshop".to_string()));
        assert!(named("{", "account", "worker").unwrap_err().starts_with("`#omen-modules`: "));
    }
}
