//! Radiobiology arithmetic shared by tumor and normal-tissue models: linear-quadratic
//! survival, BED and EQD2 (to be filled).
