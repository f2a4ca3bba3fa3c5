//! The reader's start-up steps on the built-in briefing, once each, for a
//! count of instructions that does not depend on how busy the machine is:
//!
//! cargo build --release --example startup_steps
//! valgrind --tool=callgrind --callgrind-out-file=steps.out target/release/examples/startup_steps
//! callgrind_annotate --inclusive=yes steps.out | grep startup_steps::
//!
//! Each step is a function of its own, so that it shows in the count.

use brief::Briefing;
use brief::review::Review;
use brief::tui::App;
use brief::tui::config::Config;
use brief::tui::theme::Theme;
use brief::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[inline(never)]
fn settings() -> (Config, Theme) {
    (Config::defaults(), Theme::default())
}

#[inline(never)]
fn load() -> Briefing {
    Briefing::from_str(brief::DEFAULT_BRIEFING, brief::DEFAULT_BRIEFING_NAME)
        .expect("the built-in briefing is valid")
}

#[inline(never)]
fn app(briefing: Briefing, config: &Config, theme: Theme) -> App {
    let review = Review::new(&briefing.meta.id);
    App::open(briefing, config, theme, review, None, (200, 50))
}

#[inline(never)]
fn screen() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(200, 50)).expect("terminal")
}

#[inline(never)]
fn first_frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|frame| ui::render(app, frame)).expect("draw");
}

fn main() {
    let (config, theme) = settings();
    let briefing = load();
    let app = app(briefing, &config, theme);
    let mut terminal = screen();
    first_frame(&mut terminal, &app);
    // As the reader does: its memory goes back with the process.
    std::mem::forget(app);
}
