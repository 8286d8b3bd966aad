use actscope::action::Action;
use actscope::app::App;
use actscope::theme::Theme;
use ratatui::{Terminal, backend::TestBackend};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (w, h): (u16, u16) = (args[1].parse().unwrap(), args[2].parse().unwrap());
    let mut app = App::default();
    for a in &args[3..] {
        let action = match a.as_str() {
            "p" => Action::CyclePrecision,
            "help" => Action::ToggleHelp,
            "t" => Action::CycleTarget,
            "J" => Action::ToggleJacobian,
            s if s.starts_with("tab") => Action::SelectTab(s[3..].parse().unwrap()),
            _ => continue,
        };
        app.update(action);
    }
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| actscope::ui::render(&app, &Theme::new(true, true), f))
        .unwrap();
    println!("{}", t.backend());
}
