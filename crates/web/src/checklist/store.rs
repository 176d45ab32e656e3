//! Keeping assessments in `localStorage`: reading them on arrival, saving
//! after every change, and setting unreadable data aside.
//!
//! The format and its migration live in the core (`checklist::storage`);
//! this module only moves strings in and out of the browser. Unreadable data
//! is copied to a set-aside slot and only then removed from the main key, so
//! nothing is ever lost; when every slot is taken, saving stops until the
//! user frees one (the page says so) rather than overwrite anything.

use faultline_checklist::revision::Changes;
use faultline_checklist::storage::{
    set_aside_key, set_aside_slot, SetAsideSlot, StorageError, SET_ASIDE_SLOTS, STORAGE_KEY,
};
use faultline_checklist::{Checklist, Store};

/// What was found in local storage.
pub struct Opened {
    pub store: Store,
    /// Set when the saved data was in an older format and has been read
    /// through the migration.
    pub migrated_from: Option<u64>,
    /// Set when the saved answers were made with an earlier checklist
    /// edition and have been carried over: what changed since.
    pub changes: Option<Changes>,
    pub problem: Option<LoadProblem>,
}

/// Why the saved assessments are not what the page starts with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// The browser offers no local storage (blocked, or a private mode
    /// without it): nothing can be saved.
    Unavailable,
    /// The saved data could not be read; it was set aside under `key`.
    SetAside { error: String, key: String },
    /// The saved data could not be read and could not be set aside either
    /// (`reason`); it stays where it is and nothing is saved over it.
    NotSetAside { error: String, reason: String },
}

/// A piece of unreadable data kept in a set-aside slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptPiece {
    pub key: String,
    pub text: String,
}

/// The browser's local storage; none when the build prerenders the page
/// (there is no browser then, and a new visitor has nothing saved).
fn local_storage() -> Option<web_sys::Storage> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window().and_then(|window| window.local_storage().ok().flatten())
    } else {
        None
    }
}

/// Reads saved data and carries its answers to `checklist`'s edition.
pub fn read(raw: &str, checklist: &Checklist) -> Result<Opened, StorageError> {
    let loaded = Store::parse(raw)?;
    let mut store = loaded.store;
    let changes = store.upgrade(checklist)?;
    Ok(Opened {
        store,
        migrated_from: loaded.migrated_from,
        changes,
        problem: None,
    })
}

impl Opened {
    /// A new visitor's store: one empty assessment.
    pub fn fresh(checklist: &Checklist) -> Opened {
        Opened {
            store: Store::new(checklist),
            migrated_from: None,
            changes: None,
            problem: None,
        }
    }
}

/// Reads the saved assessments, setting unreadable data aside.
pub fn open(checklist: &Checklist) -> Opened {
    let fresh = |problem| Opened {
        problem,
        ..Opened::fresh(checklist)
    };
    let Some(storage) = local_storage() else {
        return fresh(Some(LoadProblem::Unavailable));
    };
    let raw = match storage.get_item(STORAGE_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return fresh(None),
        Err(_) => return fresh(Some(LoadProblem::Unavailable)),
    };
    match read(&raw, checklist) {
        Ok(opened) => opened,
        Err(error) => {
            let error = error.to_string();
            let problem = match set_aside(&storage, &raw) {
                Ok(key) => LoadProblem::SetAside { error, key },
                Err(reason) => LoadProblem::NotSetAside { error, reason },
            };
            fresh(Some(problem))
        }
    }
}

/// Copies `raw` into a set-aside slot, then clears the main key (only once
/// the copy is safely written). Returns the slot's key.
fn set_aside(storage: &web_sys::Storage, raw: &str) -> Result<String, String> {
    let key = match set_aside_slot(raw, |key| storage.get_item(key).ok().flatten()) {
        SetAsideSlot::AlreadyKept(key) => key,
        SetAsideSlot::Free(key) => {
            storage.set_item(&key, raw).map_err(|_| {
                "the browser refused to store a copy of it (its storage may be full)".to_string()
            })?;
            key
        }
        SetAsideSlot::Full => {
            return Err(format!(
                "all {SET_ASIDE_SLOTS} places for unreadable data already hold earlier pieces"
            ))
        }
    };
    storage
        .remove_item(STORAGE_KEY)
        .map_err(|_| "the browser refused to clear it after copying".to_string())?;
    Ok(key)
}

/// Tries again to set aside the data under the main key (after the user has
/// freed a slot). `Ok(None)` when there is nothing unreadable left there.
pub fn retry_set_aside(checklist: &Checklist) -> Result<Option<String>, String> {
    let storage = local_storage().ok_or("local storage is not available")?;
    match storage.get_item(STORAGE_KEY) {
        Ok(Some(raw)) if read(&raw, checklist).is_err() => set_aside(&storage, &raw).map(Some),
        _ => Ok(None),
    }
}

/// The unreadable data under the main key, if it is still there (it is when
/// it could not be set aside), for download.
pub fn unreadable_in_place(checklist: &Checklist) -> Option<String> {
    let raw = local_storage()?.get_item(STORAGE_KEY).ok().flatten()?;
    read(&raw, checklist).is_err().then_some(raw)
}

/// Saves the store; the error says why the browser refused.
pub fn save(store: &Store) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser offers no local storage")?;
    storage
        .set_item(STORAGE_KEY, &store.to_json())
        .map_err(|_| "the browser refused to save (its storage may be full or blocked)".to_string())
}

/// Every piece of unreadable data kept in a set-aside slot.
pub fn kept_pieces() -> Vec<KeptPiece> {
    let Some(storage) = local_storage() else {
        return Vec::new();
    };
    (0..SET_ASIDE_SLOTS)
        .map(set_aside_key)
        .filter_map(|key| {
            let text = storage.get_item(&key).ok().flatten()?;
            Some(KeptPiece { key, text })
        })
        .collect()
}

/// Deletes one set-aside piece (the user asked to, after downloading it or
/// deciding it is not needed).
pub fn forget_piece(key: &str) -> Result<(), String> {
    let storage = local_storage().ok_or("local storage is not available")?;
    storage
        .remove_item(key)
        .map_err(|_| "the browser refused to delete it".to_string())
}
