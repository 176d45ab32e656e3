//! A pool of reusable slots with generation counters.
//!
//! Requests in flight live here, so memory is bounded by how many are in
//! flight at once, not by how many the run processes. Events refer to a slot
//! by (index, generation): an event for a slot that has since been freed and
//! reused carries an old generation and is recognised as stale.

use super::events::{Gen, Id};

#[derive(Debug)]
pub struct Pool<T> {
    slots: Vec<(Gen, Option<T>)>,
    free: Vec<Id>,
    live: usize,
}

impl<T> Default for Pool<T> {
    fn default() -> Self {
        Pool {
            slots: Vec::new(),
            free: Vec::new(),
            live: 0,
        }
    }
}

impl<T> Pool<T> {
    pub fn insert(&mut self, value: T) -> (Id, Gen) {
        self.live += 1;
        if let Some(id) = self.free.pop() {
            let slot = &mut self.slots[id as usize];
            slot.1 = Some(value);
            (id, slot.0)
        } else {
            self.slots.push((0, Some(value)));
            ((self.slots.len() - 1) as Id, 0)
        }
    }

    /// The value, if the slot still holds the generation the caller knew.
    #[inline]
    pub fn get(&self, id: Id, gen: Gen) -> Option<&T> {
        match self.slots.get(id as usize) {
            Some((g, Some(v))) if *g == gen => Some(v),
            _ => None,
        }
    }

    #[inline]
    pub fn get_mut(&mut self, id: Id, gen: Gen) -> Option<&mut T> {
        match self.slots.get_mut(id as usize) {
            Some((g, Some(v))) if *g == gen => Some(v),
            _ => None,
        }
    }

    pub fn remove(&mut self, id: Id, gen: Gen) -> Option<T> {
        let slot = self.slots.get_mut(id as usize)?;
        if slot.0 != gen || slot.1.is_none() {
            return None;
        }
        slot.0 = slot.0.wrapping_add(1);
        self.free.push(id);
        self.live -= 1;
        slot.1.take()
    }

    /// Objects alive now.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Slots ever allocated (the high-water mark of objects alive at once).
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_generation_is_rejected_after_reuse() {
        let mut p = Pool::default();
        let (a, ga) = p.insert("a");
        assert_eq!(p.remove(a, ga), Some("a"));
        let (b, gb) = p.insert("b");
        assert_eq!(a, b);
        assert_ne!(ga, gb);
        assert!(p.get(a, ga).is_none());
        assert_eq!(p.get(b, gb), Some(&"b"));
        assert_eq!(p.capacity(), 1);
    }
}
