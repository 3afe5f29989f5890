fn main() {
    println!("pgdrift (being built)");
}
