//! Loads and metrics of a workout: per athlete kilograms, tonnage, lifts, Prilepin.
