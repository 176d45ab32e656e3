//! The guide's search index, fetched at most once per visit and only when a
//! reader reaches for search (it is the largest piece of site data, so it is
//! not part of any page's first load).

use crate::data::fetch_json;
use faultline_site_data::{SearchHit, SearchIndex, Searcher, SEARCH_INDEX_PATH};
use std::cell::RefCell;
use std::rc::Rc;

thread_local! {
    /// The prepared searcher, once loaded; shared by every search box.
    static SEARCHER: RefCell<Option<Rc<Searcher>>> = const { RefCell::new(None) };
}

/// Whether the index has been loaded already in this visit.
pub fn is_loaded() -> bool {
    SEARCHER.with(|cell| cell.borrow().is_some())
}

/// Loads and prepares the index unless it is loaded already. The error names
/// the file and what went wrong.
pub async fn load() -> Result<(), String> {
    if is_loaded() {
        return Ok(());
    }
    let index: SearchIndex = fetch_json(SEARCH_INDEX_PATH).await?;
    let searcher = Rc::new(Searcher::new(index));
    SEARCHER.with(|cell| *cell.borrow_mut() = Some(searcher));
    Ok(())
}

/// Every section matching `query`, best first; empty until the index has
/// loaded. (All of them, so the count can be announced; building a snippet
/// per section costs little next to the reader's typing.)
pub fn search(query: &str) -> Vec<SearchHit> {
    let searcher = SEARCHER.with(|cell| cell.borrow().clone());
    searcher.map_or_else(Vec::new, |searcher| searcher.search(query, usize::MAX))
}
