//! Omen core.
