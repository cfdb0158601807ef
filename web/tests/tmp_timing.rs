#[test]
fn timing() {
    let text = std::fs::read_to_string("/tmp/max-world.json").unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let world = omen_core::flow::World::from_json(&text).unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let _ = omen_core::flow::play_without_fixes(&world);
        let a = t.elapsed();
        let t = std::time::Instant::now();
        let _ = omen_core::flow::play(&world);
        let b = t.elapsed();
        let t = std::time::Instant::now();
        let _ = omen_web::evaluation::evaluate(&value);
        let c = t.elapsed();
        let t = std::time::Instant::now();
        let _: omen_core::flow::World = serde_json::from_value(value.clone()).unwrap();
        let d = t.elapsed();
        println!("no fixes {a:?}, play {b:?}, evaluate {c:?}, from_value {d:?}");
    }
}
