//! Starts the playground: installs the crash notice, then renders the app into `<body>`.

fn main() {
    omen_web::crash::install_panic_hook();
    yew::Renderer::<omen_web::App>::new().render();
}
