//! Typed keys for the simulation's objects, so that the compiler tells a
//! call from a task and a service from a replica or an edge.
//!
//! Objects in flight (tasks, calls) live in a [`super::pool::Pool`] and are
//! named by a [`Handle`] (slot and generation) wrapped in a key type; the
//! fixed parts of the topology (services, replicas, edges) are named by
//! their index wrapped in an id type and stored in a [`Table`].

use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// How many times a pool slot has been freed: a key with an older
/// generation is stale.
pub type Gen = u32;

/// A pooled object's slot index and the generation the slot had when the
/// object was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handle {
    pub index: u32,
    pub gen: Gen,
}

/// A key into a [`super::pool::Pool`]: a [`Handle`] with a type.
pub trait PoolKey: Copy {
    fn from_handle(handle: Handle) -> Self;
    fn handle(self) -> Handle;
}

macro_rules! pool_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name(Handle);

        impl PoolKey for $name {
            #[inline]
            fn from_handle(handle: Handle) -> Self {
                $name(handle)
            }
            #[inline]
            fn handle(self) -> Handle {
                self.0
            }
        }
    };
}

pool_key!(
    /// One attempt being handled by a service, or one async message.
    TaskKey
);
pool_key!(
    /// One logical call along an edge, with all its attempts.
    CallKey
);

/// An index into a [`Table`].
pub trait TableKey: Copy {
    fn ix(self) -> usize;
}

macro_rules! table_key {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub struct $name(u32);

        impl $name {
            #[inline]
            pub fn new(ix: usize) -> Self {
                $name(ix as u32)
            }

            /// The index, for the model's tables.
            #[inline]
            pub fn ix(self) -> usize {
                self.0 as usize
            }
        }

        impl TableKey for $name {
            #[inline]
            fn ix(self) -> usize {
                self.0 as usize
            }
        }
    };
}

table_key!(
    /// A service, in scenario order (the model's service index).
    ServiceId
);
table_key!(
    /// A replica of some service, numbered across all services: a
    /// service's replicas are `first_replica .. first_replica + replicas`.
    ReplicaId
);
table_key!(
    /// A call edge; edge 0 is the client's call to the entry service.
    EdgeId
);

/// A vector indexed by one kind of id only.
pub struct Table<K, V> {
    items: Vec<V>,
    key: PhantomData<fn(K)>,
}

impl<K: TableKey, V> Table<K, V> {
    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, V> {
        self.items.iter()
    }

    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, V> {
        self.items.iter_mut()
    }
}

impl<K, V> FromIterator<V> for Table<K, V> {
    fn from_iter<I: IntoIterator<Item = V>>(iter: I) -> Self {
        Table {
            items: iter.into_iter().collect(),
            key: PhantomData,
        }
    }
}

impl<K: TableKey, V> Index<K> for Table<K, V> {
    type Output = V;
    #[inline]
    fn index(&self, key: K) -> &V {
        &self.items[key.ix()]
    }
}

impl<K: TableKey, V> IndexMut<K> for Table<K, V> {
    #[inline]
    fn index_mut(&mut self, key: K) -> &mut V {
        &mut self.items[key.ix()]
    }
}
