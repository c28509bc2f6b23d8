//! Up, Down and Enter for a list chosen from a text field that keeps the keyboard:
//! the command palette and the project search. The field would take the arrows as
//! cursor moves, so they are taken from the input first.

use eframe::egui;
use egui::{Key, Modifiers};

/// This frame's list keys.
#[derive(Clone, Copy, Debug, Default)]
pub struct ListKeys {
    /// Up was pressed.
    pub up: bool,
    /// Down was pressed.
    pub down: bool,
    /// Enter was pressed.
    pub enter: bool,
}

impl ListKeys {
    /// Takes Up, Down and Enter (without modifiers) out of this frame's input.
    pub fn take(ctx: &egui::Context) -> Self {
        ctx.input_mut(|i| Self {
            up: i.consume_key(Modifiers::NONE, Key::ArrowUp),
            down: i.consume_key(Modifiers::NONE, Key::ArrowDown),
            enter: i.consume_key(Modifiers::NONE, Key::Enter),
        })
    }

    /// The chosen row after the arrows, in a list of `len` rows (kept in it).
    pub fn step(self, chosen: usize, len: usize) -> usize {
        let last = len.saturating_sub(1);
        let mut c = chosen.min(last);
        if self.down {
            c = (c + 1).min(last);
        }
        if self.up {
            c = c.saturating_sub(1);
        }
        c
    }

    /// True when an arrow moved the choice (the row is scrolled into view).
    pub fn moved(self) -> bool {
        self.up || self.down
    }
}

#[cfg(test)]
mod tests {
    use super::ListKeys;

    #[test]
    fn steps_stay_in_the_list() {
        let down = ListKeys {
            down: true,
            ..Default::default()
        };
        let up = ListKeys {
            up: true,
            ..Default::default()
        };
        assert_eq!(down.step(0, 3), 1);
        assert_eq!(down.step(2, 3), 2);
        assert_eq!(up.step(0, 3), 0);
        assert_eq!(up.step(2, 3), 1);
        assert_eq!(down.step(5, 0), 0);
        assert_eq!(ListKeys::default().step(7, 3), 2, "a shorter list clamps");
    }
}
