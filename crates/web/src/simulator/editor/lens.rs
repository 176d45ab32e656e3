//! Lenses: where a value lives inside a scenario, as a pair of accessors
//! (read and write) that compose. `Lens::root().service(1).call(0)` reaches
//! a call; `.then(…)` goes into one of its fields. Indexes are checked on
//! every access, so a lens to a removed service reads `None` and writes
//! nothing instead of panicking.

use std::sync::Arc;

use faultline_engine::scenario::{CallSpec, FaultSpec, ServiceSpec};
use faultline_engine::Scenario;

type Read<T> = Arc<dyn for<'a> Fn(&'a Scenario) -> Option<&'a T> + Send + Sync>;
type Write<T> = Arc<dyn for<'a> Fn(&'a mut Scenario) -> Option<&'a mut T> + Send + Sync>;

pub struct Lens<T: 'static> {
    read: Read<T>,
    write: Write<T>,
}

impl<T: 'static> Clone for Lens<T> {
    fn clone(&self) -> Self {
        Lens {
            read: self.read.clone(),
            write: self.write.clone(),
        }
    }
}

/// Builds a lens from closures; the bounds let Rust infer that each
/// closure returns a reference into its argument.
fn lens<T, R, W>(read: R, write: W) -> Lens<T>
where
    R: for<'a> Fn(&'a Scenario) -> Option<&'a T> + Send + Sync + 'static,
    W: for<'a> Fn(&'a mut Scenario) -> Option<&'a mut T> + Send + Sync + 'static,
{
    Lens {
        read: Arc::new(read),
        write: Arc::new(write),
    }
}

impl Lens<Scenario> {
    pub fn root() -> Lens<Scenario> {
        lens(|s| Some(s), |s| Some(s))
    }

    pub fn service(&self, i: usize) -> Lens<ServiceSpec> {
        self.then_opt(
            move |s: &Scenario| s.services.get(i),
            move |s: &mut Scenario| s.services.get_mut(i),
        )
    }

    pub fn fault(&self, i: usize) -> Lens<FaultSpec> {
        self.then_opt(
            move |s: &Scenario| s.faults.get(i),
            move |s: &mut Scenario| s.faults.get_mut(i),
        )
    }
}

impl Lens<ServiceSpec> {
    pub fn call(&self, j: usize) -> Lens<CallSpec> {
        self.then_opt(
            move |s: &ServiceSpec| s.calls.get(j),
            move |s: &mut ServiceSpec| s.calls.get_mut(j),
        )
    }
}

impl<T: 'static> Lens<Option<T>> {
    /// The value inside an `Option` (None when it is absent).
    pub fn some(&self) -> Lens<T> {
        self.then_opt(|o: &Option<T>| o.as_ref(), |o: &mut Option<T>| o.as_mut())
    }
}

impl<T: 'static> Lens<T> {
    /// A field of the value.
    pub fn then<U: 'static>(&self, read: fn(&T) -> &U, write: fn(&mut T) -> &mut U) -> Lens<U> {
        let (r, w) = (self.read.clone(), self.write.clone());
        lens(move |s| r(s).map(read), move |s| w(s).map(write))
    }

    /// A part of the value that may be missing (an index, an option).
    pub fn then_opt<U: 'static, R, W>(&self, read: R, write: W) -> Lens<U>
    where
        R: for<'a> Fn(&'a T) -> Option<&'a U> + Send + Sync + 'static,
        W: for<'a> Fn(&'a mut T) -> Option<&'a mut U> + Send + Sync + 'static,
    {
        let (r, w) = (self.read.clone(), self.write.clone());
        lens(
            move |s| r(s).and_then(&read),
            move |s| w(s).and_then(&write),
        )
    }

    /// A getter for a field: the value converted by `f`.
    pub fn get<X>(
        &self,
        f: impl Fn(&T) -> X + Send + Sync + 'static,
    ) -> impl Fn(&Scenario) -> Option<X> + Send + Sync + 'static {
        let r = self.read.clone();
        move |s| r(s).map(&f)
    }

    /// A setter for a field: `f` stores the new value.
    pub fn set<X>(
        &self,
        f: impl Fn(&mut T, X) + Send + Sync + 'static,
    ) -> impl Fn(&mut Scenario, X) + Send + Sync + 'static {
        let w = self.write.clone();
        move |s, x| {
            if let Some(t) = w(s) {
                f(t, x);
            }
        }
    }

    /// Reads the value, if it is there.
    pub fn view<X>(&self, s: &Scenario, f: impl FnOnce(&T) -> X) -> Option<X> {
        (self.read)(s).map(f)
    }
}
