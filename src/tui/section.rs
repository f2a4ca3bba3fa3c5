//! The reader's sections (its tabs): their order, names and the kinds of
//! item each lists. Order, count and iteration are derived from the enum.

use strum::{EnumCount, EnumIter, FromRepr, IntoEnumIterator, IntoStaticStr};

use crate::model::{ItemRef, Kind};

/// The tabs, in order. The lowercase name is the section's key in config
/// and theme files and in a saved place.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    EnumIter,
    EnumCount,
    FromRepr,
    IntoStaticStr,
)]
#[strum(serialize_all = "lowercase")]
#[repr(u8)]
pub enum Section {
    Overview,
    Actors,
    Issues,
    Quotes,
    Timeline,
    Sources,
    Contested,
}

impl Section {
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn all() -> impl Iterator<Item = Section> + Clone {
        Section::iter()
    }

    /// The section `delta` tabs away, wrapping around.
    pub fn step(self, delta: isize) -> Section {
        let at = (self as isize + delta).rem_euclid(Section::COUNT as isize);
        // `at` is below COUNT, so it names a section.
        Section::from_repr(at as u8).unwrap_or(self)
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::Overview => "Overview",
            Section::Actors => "Actors",
            Section::Issues => "Issues",
            Section::Quotes => "Quotes",
            Section::Timeline => "Timeline",
            Section::Sources => "Sources",
            Section::Contested => "Contested",
        }
    }

    /// The key in config and theme files: `overview`, `actors`, …
    pub fn key(self) -> &'static str {
        self.into()
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::iter().find(|s| s.key().eq_ignore_ascii_case(key))
    }

    /// The kind of item the section's list holds (none for the Overview).
    pub fn kind(self) -> Option<Kind> {
        match self {
            Section::Overview => None,
            Section::Actors => Some(Kind::Actor),
            Section::Issues => Some(Kind::Issue),
            Section::Quotes => Some(Kind::Quote),
            Section::Timeline => Some(Kind::Event),
            Section::Sources => Some(Kind::Source),
            Section::Contested => Some(Kind::Claim),
        }
    }

    /// The section where items of a kind are listed (a position, in its issue's).
    pub fn of_kind(kind: Kind) -> Section {
        match kind {
            Kind::Actor => Section::Actors,
            Kind::Issue | Kind::Position => Section::Issues,
            Kind::Quote => Section::Quotes,
            Kind::Event => Section::Timeline,
            Kind::Source => Section::Sources,
            Kind::Claim => Section::Contested,
        }
    }

    /// The section where an item is listed.
    pub fn of(item: ItemRef) -> Section {
        Section::of_kind(item.kind())
    }

    /// The list item a model index becomes in this section.
    pub fn item(self, index: usize) -> Option<ItemRef> {
        Some(ItemRef::new(self.kind()?, index, 0))
    }
}

/// One value per section, indexed by [`Section`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PerSection<T>(pub [T; Section::COUNT]);

impl<T> std::ops::Index<Section> for PerSection<T> {
    type Output = T;

    fn index(&self, section: Section) -> &T {
        &self.0[section.index()]
    }
}

impl<T> std::ops::IndexMut<Section> for PerSection<T> {
    fn index_mut(&mut self, section: Section) -> &mut T {
        &mut self.0[section.index()]
    }
}

impl<T> PerSection<T> {
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.iter_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_listed_in_the_section_it_belongs_to() {
        for kind in Kind::iter() {
            let section = Section::of_kind(kind);
            let listed = section.kind();
            assert!(
                listed == Some(kind) || (kind == Kind::Position && listed == Some(Kind::Issue)),
                "{kind:?} in {section:?}"
            );
        }
        for section in Section::iter() {
            assert_eq!(Section::from_key(section.key()), Some(section));
            assert_eq!(section.step(1).step(-1), section);
        }
        assert_eq!(Section::Contested.step(1), Section::Overview);
        assert_eq!(Section::Overview.step(-1), Section::Contested);
    }
}
