//! The Account view's analysis as a Web Worker: Trunk builds this binary into `dist/account/`,
//! and the view starts it when it first opens (see `omen_web::views::account::worker`).

fn main() {
    omen_web::views::account::worker::run();
}
