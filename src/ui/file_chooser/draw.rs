//! Drawing the chooser: a modal window with the path, the folder's entries, the file
//! name of a save and the buttons. No IO here: what the person asks comes back as a
//! [`ChooserAction`] for [`FileChooser::apply`].

use super::folder::{home_dir, human_size};
use super::{ChooserAction, FileChooser};
use crate::ui::pick::PickKind;
use eframe::egui;
use egui::{Key, RichText, Ui};
use std::path::Path;

impl FileChooser {
    /// Takes this frame's keys out of the input before anything else is drawn, so that
    /// the window under the chooser sees none of them: Escape always; Enter, the arrows
    /// and the rest unless one of the chooser's fields has the keyboard (Tab stays, to
    /// move between its widgets; Enter and Space stay for a button Tab reached).
    pub fn take_keys(&mut self, ctx: &egui::Context) {
        if self.focus_pending {
            // A menu open when the chooser was asked for closes: the chooser is on top.
            egui::Popup::close_all(ctx);
        }
        if egui::Popup::is_any_open(ctx) {
            return;
        }
        let typing = ctx.text_edit_focused();
        let on_widget = !typing && ctx.memory(|m| m.focused().is_some());
        let mut keys = self.keys;
        ctx.input_mut(|i| {
            i.events.retain(|e| {
                let egui::Event::Key {
                    key,
                    pressed,
                    modifiers,
                    ..
                } = e
                else {
                    return true;
                };
                if *key == Key::Escape {
                    keys.escape |= *pressed;
                    return false;
                }
                let for_widget = on_widget && matches!(key, Key::Enter | Key::Space);
                if typing || for_widget || *key == Key::Tab {
                    return true;
                }
                if *pressed {
                    match key {
                        Key::Enter if modifiers.is_none() => keys.enter = true,
                        Key::ArrowUp if modifiers.alt => keys.parent = true,
                        Key::ArrowUp => keys.step = Some((-1, modifiers.shift)),
                        Key::ArrowDown => keys.step = Some((1, modifiers.shift)),
                        _ => {}
                    }
                }
                false
            });
        });
        self.keys = keys;
    }

    /// Draws the chooser as a modal window over the app and returns what the person
    /// asked. Escape cancels (or, while replacing a file is asked about, declines it).
    pub fn chooser_ui(&mut self, ui: &mut Ui) -> Option<ChooserAction> {
        let ctx = ui.ctx().clone();
        let keys = std::mem::take(&mut self.keys);
        let mut action = None;
        if keys.escape {
            action = Some(if self.replace.is_some() {
                ChooserAction::KeepFile
            } else {
                ChooserAction::Cancel
            });
        }
        if let Some((delta, shift)) = keys.step {
            self.step(delta, shift);
        }
        if keys.parent
            && let Some(p) = self.dir.parent()
        {
            action = Some(ChooserAction::Go(p.to_owned()));
        }
        let screen = ctx.content_rect();
        let width = (screen.width() - 48.0).clamp(300.0, 800.0);
        let height = (screen.height() - 64.0).clamp(240.0, 580.0);
        egui::Modal::new(egui::Id::unique("sourcemark-file-chooser")).show(&ctx, |ui| {
            ui.set_width(width);
            ui.heading(RichText::new(&self.request.title).strong());
            ui.add_space(4.0);
            self.location_ui(ui, &mut action);
            let problem = self.problem.clone();
            let reserved = if self.request.kind == PickKind::SaveFile {
                150.0
            } else {
                118.0
            };
            let list_height = (height - reserved).max(80.0);
            self.list_ui(ui, list_height, &mut action);
            if let Some(p) = problem {
                ui.colored_label(ui.visuals().error_fg_color, p);
            }
            if self.request.kind == PickKind::SaveFile {
                self.name_ui(ui, &mut action);
            }
            ui.separator();
            if self.replace.is_some() {
                self.replace_ui(ui, &mut action);
            } else {
                self.buttons_ui(ui, &mut action);
            }
        });
        if action.is_none() && keys.enter {
            action = Some(match (self.replace.is_some(), self.selected.as_slice()) {
                (true, _) => ChooserAction::Replace,
                // One entry: as a double-click (a folder opens, a file is taken).
                (false, [one]) => ChooserAction::Activate(*one),
                (false, _) => ChooserAction::Accept,
            });
        }
        self.focus_pending = false;
        action
    }

    /// Up, Home and the path field.
    fn location_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        ui.horizontal(|ui| {
            let parent = self.dir.parent().map(Path::to_owned);
            if ui
                .add_enabled(parent.is_some(), egui::Button::new("Up"))
                .on_hover_text("The folder above (Alt+Up)")
                .clicked()
                && let Some(p) = parent
            {
                *action = Some(ChooserAction::Go(p));
            }
            if let Some(home) = home_dir()
                && ui
                    .button("Home")
                    .on_hover_text(home.display().to_string())
                    .clicked()
            {
                *action = Some(ChooserAction::Go(home));
            }
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.location)
                    .hint_text("Folder or file path")
                    .desired_width(ui.available_width()),
            );
            if self.focus_pending && self.request.kind != PickKind::SaveFile {
                field.request_focus();
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                *action = Some(ChooserAction::Typed);
            }
            if field.has_focus() && ui.input(|i| i.key_pressed(Key::ArrowDown)) {
                // Down from the path goes into the list.
                field.surrender_focus();
                self.step(1, false);
            }
        });
    }

    /// The folder's entries, folders first, each with its size.
    fn list_ui(&mut self, ui: &mut Ui, height: f32, action: &mut Option<ChooserAction>) {
        let frame = egui::Frame::group(ui.style()).inner_margin(4.0);
        frame.show(ui, |ui| {
            ui.set_min_height(height);
            ui.set_max_height(height);
            if let Err(why) = &self.listing {
                ui.colored_label(ui.visuals().error_fg_color, why);
                return;
            }
            if self.visible.is_empty() {
                ui.label(RichText::new("This folder has nothing to show here.").weak());
                return;
            }
            let row = ui.spacing().interact_size.y + 2.0;
            let width = ui.available_width();
            let mods = ui.input(|i| i.modifiers);
            let mut clicked = None;
            let target = self.scroll_to.take();
            let mut area = egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .max_height(height);
            if let Some((t, true)) = target {
                // Off screen last frame, so not drawn: jump there.
                let stride = row + ui.spacing().item_spacing.y;
                area = area.vertical_scroll_offset((t as f32 * stride - height / 2.0).max(0.0));
            }
            let drawn = area
                .show_rows(ui, row, self.visible.len(), |ui, rows| {
                    let in_view = target.is_some_and(|(t, _)| rows.contains(&t));
                    for pos in rows {
                        let e = &self.entries()[self.visible[pos]];
                        let right = if e.is_dir {
                            "folder".to_owned()
                        } else {
                            e.size.map(human_size).unwrap_or_default()
                        };
                        let name = if e.is_dir {
                            RichText::new(format!("{}/", e.name)).strong()
                        } else {
                            RichText::new(&e.name)
                        };
                        let selected = self.selected.binary_search(&pos).is_ok();
                        let resp = ui.add(
                            egui::Button::selectable(selected, name)
                                .right_text(RichText::new(right).weak())
                                .min_size(egui::vec2(width - 8.0, row - 2.0)),
                        );
                        if target.is_some_and(|(t, _)| t == pos) {
                            resp.scroll_to_me(None);
                        }
                        if resp.double_clicked() {
                            *action = Some(ChooserAction::Activate(pos));
                        } else if resp.clicked() {
                            clicked = Some(pos);
                        }
                    }
                    in_view
                })
                .inner;
            if let Some((t, false)) = target
                && !drawn
            {
                self.scroll_to = Some((t, true));
            }
            if let Some(pos) = clicked {
                self.click(pos, mods);
            }
        });
    }

    /// The file name field of a save.
    fn name_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        ui.horizontal(|ui| {
            let l = ui.label("File name");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.name)
                        .hint_text("File name")
                        .desired_width(ui.available_width()),
                )
                .labelled_by(l.id);
            if self.focus_pending {
                field.request_focus();
                // The name without its extension selected, so typing replaces it.
                let stem = Path::new(&self.name)
                    .file_stem()
                    .map_or(0, |s| s.to_string_lossy().chars().count());
                if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
                    let range = egui::text::CCursorRange::two(
                        egui::text::CCursor::new(0),
                        egui::text::CCursor::new(stem),
                    );
                    state.cursor.set_char_range(Some(range));
                    state.store(ui.ctx(), field.id);
                }
            }
            if field.changed() {
                self.problem = None;
            }
            if field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                *action = Some(ChooserAction::Accept);
            }
        });
    }

    /// File type, hidden files, what is selected, Cancel and the accept button.
    fn buttons_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        ui.horizontal(|ui| {
            if self.request.kind != PickKind::Folder && !self.request.filters.is_empty() {
                let all = self.request.filters.len();
                let text = |i: usize| match self.request.filters.get(i) {
                    Some(f) => format!("{} (*.{})", f.name, f.extensions.join(", *.")),
                    None => "All files".to_owned(),
                };
                let mut filter = self.filter;
                egui::ComboBox::from_id_salt("file-chooser-filter")
                    .selected_text(text(filter))
                    .width(220.0)
                    .show_ui(ui, |ui| {
                        for i in 0..=all {
                            ui.selectable_value(&mut filter, i, text(i));
                        }
                    })
                    .response
                    .on_hover_text("Which files are listed");
                if filter != self.filter {
                    self.filter = filter;
                    self.refilter();
                }
            }
            if ui.checkbox(&mut self.show_hidden, "Hidden files").changed() {
                self.refilter();
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let accept = ui
                    .add_enabled(
                        self.can_accept(),
                        egui::Button::new(RichText::new(&self.request.accept).strong()),
                    )
                    .on_hover_text("Or press Enter");
                if accept.clicked() {
                    *action = Some(ChooserAction::Accept);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Or press Escape")
                    .clicked()
                {
                    *action = Some(ChooserAction::Cancel);
                }
                let n = self.selected.len();
                if n > 1 {
                    ui.label(format!("{n} selected"));
                }
            });
        });
    }

    /// The question before an existing file is replaced.
    fn replace_ui(&mut self, ui: &mut Ui, action: &mut Option<ChooserAction>) {
        let Some(path) = &self.replace else { return };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{name} already exists. Replace it?"))
                    .color(ui.visuals().warn_fg_color),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Replace").clicked() {
                    *action = Some(ChooserAction::Replace);
                }
                if ui.button("Keep it").clicked() {
                    *action = Some(ChooserAction::KeepFile);
                }
            });
        });
    }
}
