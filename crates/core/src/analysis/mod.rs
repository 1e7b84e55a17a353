//! Analysis tools for any composed model: equilibria, Jacobians, eigenvalues and stability,
//! basin boundaries and one-parameter scans (to be filled).
