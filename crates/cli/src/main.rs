//! The `oncodyn` binary.

fn main() {
    println!("oncodyn: under construction");
}
