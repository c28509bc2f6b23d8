//! The keyboard map, as one table: shown in Help → Keyboard shortcuts and written to
//! the README's keyboard map (a test keeps the two the same).

use eframe::egui;

/// (Keys, what they do) in reading order, grouped by a heading row with empty keys.
pub const KEY_MAP: &[(&str, &str)] = &[
    ("", "Files"),
    ("Ctrl+N", "New project"),
    ("Ctrl+O", "Open project"),
    ("Ctrl+S", "Save"),
    ("Ctrl+Shift+S", "Save as"),
    ("Ctrl+E", "Export annotations as a dataset"),
    ("Ctrl+I", "Import annotations from another tool"),
    ("Ctrl+W", "Close project"),
    ("Ctrl+Q", "Quit"),
    ("", "Documents"),
    ("Ctrl+PageDown", "Next document"),
    ("Ctrl+PageUp", "Previous document"),
    ("", "Selecting text (in the article)"),
    ("Drag", "Select text, snapped to whole words"),
    ("Alt+Drag", "Select text without snapping"),
    ("Double-click", "Select a word"),
    (
        "Shift+Arrow keys",
        "Extend the selection by a character or line",
    ),
    ("Shift+Ctrl+Left / Right", "Extend the selection by a word"),
    ("", "Annotating"),
    (
        "1, 2, 3, …",
        "Tag the selected text with the label bound to that key (1 claim, 2 quote, 3 figure by default); with an annotation selected and no text selected, relabel it",
    ),
    (
        "Click an annotation",
        "Select it (shows it in the inspector)",
    ),
    ("Delete or Backspace", "Delete the selected annotation"),
    (
        "Alt+Left / Alt+Right",
        "Move the selected annotation's start one word left / right",
    ),
    (
        "Alt+Shift+Left / Alt+Shift+Right",
        "Move the selected annotation's end one word left / right",
    ),
    (
        "Escape",
        "Clear the text selection, the selected annotation and the find bar",
    ),
    ("", "Undo"),
    ("Ctrl+Z", "Undo"),
    ("Ctrl+Shift+Z or Ctrl+Y", "Redo"),
    ("", "Find"),
    ("Ctrl+F", "Find in the article"),
    ("Enter or F3", "Next match"),
    ("Shift+Enter or Shift+F3", "Previous match"),
    ("Escape (in the find field)", "Close the find bar"),
    ("", "Reading"),
    (
        "PageDown / PageUp",
        "Scroll the article down / up by a screen",
    ),
    ("Down / Up", "Scroll the article down / up by a line"),
    (
        "Home / End (or Ctrl+Home / Ctrl+End)",
        "Go to the start / end of the article",
    ),
    ("Ctrl+Plus or Ctrl+=", "Larger article text"),
    ("Ctrl+Minus", "Smaller article text"),
    ("Ctrl+0", "Default article text size"),
];

/// The key map as Markdown.
pub fn markdown() -> String {
    let mut out = String::from(
        "## Keyboard map\n\nOn macOS, Cmd takes the place of Ctrl. Label keys, Delete, Escape, undo, \
         the arrow keys and the scroll keys act on the article only while no text field has the keyboard.\n",
    );
    for (keys, what) in KEY_MAP {
        if keys.is_empty() {
            out.push_str(&format!(
                "\n### {what}\n\n| Keys | Action |\n|------|--------|\n"
            ));
        } else {
            out.push_str(&format!("| {keys} | {what} |\n"));
        }
    }
    out
}

/// Draws the key map (for the Help window).
pub fn key_map_ui(ui: &mut egui::Ui) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        let mut n = 0;
        for (keys, what) in KEY_MAP {
            if keys.is_empty() {
                ui.add_space(6.0);
                ui.strong(*what);
                n += 1;
                continue;
            }
            egui::Grid::new(("keys", n, *keys))
                .num_columns(2)
                .min_col_width(180.0)
                .show(ui, |ui| {
                    ui.monospace(*keys);
                    ui.add(egui::Label::new(*what).wrap());
                    ui.end_row();
                });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::KEY_MAP;
    use crate::ui::command::Command;
    use eframe::egui::{Key, KeyboardShortcut};

    /// A shortcut as the key map writes it: Ctrl, Alt, Shift, then the key.
    fn written(sc: &KeyboardShortcut) -> String {
        let m = sc.modifiers;
        let mut s = String::new();
        for (on, name) in [(m.command, "Ctrl+"), (m.alt, "Alt+"), (m.shift, "Shift+")] {
            if on {
                s.push_str(name);
            }
        }
        s.push_str(match sc.logical_key {
            Key::Equals => "=",
            k => k.name(),
        });
        s
    }

    /// Every shortcut the keyboard acts on is in the key map (and so in Help and the
    /// README), written as the map writes it.
    #[test]
    fn every_command_shortcut_is_in_the_key_map() {
        let listed: Vec<&str> = KEY_MAP
            .iter()
            .flat_map(|(keys, _)| keys.split(" or ").flat_map(|k| k.split(" / ")))
            .collect();
        for cmd in Command::WITH_SHORTCUTS {
            let shortcuts = cmd
                .shortcut()
                .into_iter()
                .chain(cmd.alternative_shortcuts().iter().copied());
            for sc in shortcuts {
                let text = written(&sc);
                assert!(
                    listed.contains(&text.as_str()),
                    "{} ({text}) is missing from the key map",
                    cmd.label()
                );
            }
        }
    }
}
