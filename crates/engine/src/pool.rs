//! A pool of reusable slots with generation counters.
//!
//! Requests in flight live here, so memory is bounded by how many are in
//! flight at once, not by how many the run processes. Events refer to a slot
//! by a typed key (index and generation, see [`super::keys`]): an event for
//! a slot that has since been freed and reused carries an old generation
//! and is recognised as stale.

use std::marker::PhantomData;

use super::keys::{Gen, Handle, PoolKey};

#[derive(Debug)]
struct Slot<T> {
    gen: Gen,
    value: Option<T>,
}

#[derive(Debug)]
pub struct Pool<K, T> {
    slots: Vec<Slot<T>>,
    free: Vec<u32>,
    live: usize,
    key: PhantomData<fn(K)>,
}

impl<K, T> Default for Pool<K, T> {
    fn default() -> Self {
        Pool {
            slots: Vec::new(),
            free: Vec::new(),
            live: 0,
            key: PhantomData,
        }
    }
}

impl<K: PoolKey, T> Pool<K, T> {
    pub fn insert(&mut self, value: T) -> K {
        self.live += 1;
        let handle = if let Some(index) = self.free.pop() {
            let slot = &mut self.slots[index as usize];
            slot.value = Some(value);
            Handle {
                index,
                gen: slot.gen,
            }
        } else {
            self.slots.push(Slot {
                gen: 0,
                value: Some(value),
            });
            Handle {
                index: (self.slots.len() - 1) as u32,
                gen: 0,
            }
        };
        K::from_handle(handle)
    }

    /// The value, if the slot still holds the generation the key knew.
    #[inline]
    pub fn get(&self, key: K) -> Option<&T> {
        let h = key.handle();
        match self.slots.get(h.index as usize) {
            Some(Slot {
                gen,
                value: Some(v),
            }) if *gen == h.gen => Some(v),
            _ => None,
        }
    }

    #[inline]
    pub fn get_mut(&mut self, key: K) -> Option<&mut T> {
        let h = key.handle();
        match self.slots.get_mut(h.index as usize) {
            Some(Slot {
                gen,
                value: Some(v),
            }) if *gen == h.gen => Some(v),
            _ => None,
        }
    }

    pub fn remove(&mut self, key: K) -> Option<T> {
        let h = key.handle();
        let slot = self.slots.get_mut(h.index as usize)?;
        if slot.gen != h.gen || slot.value.is_none() {
            return None;
        }
        slot.gen = slot.gen.wrapping_add(1);
        self.free.push(h.index);
        self.live -= 1;
        slot.value.take()
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
    use super::super::keys::TaskKey;
    use super::*;

    #[test]
    fn stale_generation_is_rejected_after_reuse() {
        let mut p: Pool<TaskKey, &str> = Pool::default();
        let a = p.insert("a");
        assert_eq!(p.remove(a), Some("a"));
        let b = p.insert("b");
        assert_eq!(a.handle().index, b.handle().index);
        assert_ne!(a, b);
        assert!(p.get(a).is_none());
        assert_eq!(p.get(b), Some(&"b"));
        assert_eq!(p.capacity(), 1);
    }
}
