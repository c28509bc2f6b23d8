//! The comparison view, headless: it opens on a cluster of the sample and lists each
//! member with its outlet and number; a row jumps to its span; Shift+G names a cluster
//! for the selection, G adds to it, × takes a row out, each one undo step; the table
//! is saved as CSV through the in-window chooser.

mod ui_support;

use eframe::egui;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use sourcemark::model::AnnotationId;
use ui_support::*;

type H = egui_kittest::Harness<'static, sourcemark::ui::SourcemarkApp>;

fn id(h: &H, doc: &str, text: &str) -> AnnotationId {
    session(h)
        .project()
        .annotations
        .iter()
        .find(|a| a.doc.as_str() == doc && a.text == text)
        .unwrap()
        .id
        .clone()
}

/// The rows the view shows, in its order.
fn shown(h: &mut H) -> Vec<sourcemark::compare::Row> {
    let app = h.state_mut();
    let s = app.session.as_ref().unwrap();
    app.compare.rows(s).to_vec()
}

fn open_compare(h: &mut H) {
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    h.run();
    h.run();
}

#[test]
fn the_view_shows_a_cluster_by_outlet_and_a_row_jumps_to_its_span() {
    let (_p, mut h) = open_sample();
    open_compare(&mut h);
    assert!(h.state().compare.open);
    // The first cluster by name: Crowd size, each outlet's figures with their numbers.
    h.get_by_label("2,500,000 people");
    h.get_by_label("≥ 2,500,000");
    // Sorted by date, latest first (two clicks on the heading): Mehr's 2022 rally on top.
    h.get_by_label("Date").click();
    h.run();
    h.get_by_label("Date ▲").click();
    h.run();
    h.get_by_label("Date ▼");
    let first = &shown(&mut h)[0];
    assert_eq!(first.outlet, "Mehr News Agency");
    let rows = shown(&mut h);
    assert!(rows.len() >= 15, "{}", rows.len());
    assert!(
        rows.iter()
            .all(|r| r.cluster.as_deref() == Some("Crowd size"))
    );
    // A click on Mehr's 3 million row shows it in its article.
    let three = id(&h, "mehr-news", "3 million");
    let claim = id(
        &h,
        "mehr-news",
        "The number of demonstrators in Baghdad has reached 3 million so far",
    );
    h.query_all_by_label_contains("has reached 3 million so far")
        .next()
        .unwrap()
        .click();
    h.run();
    h.run();
    assert_eq!(
        session(&h).current.as_ref().map(|d| d.as_str()),
        Some("mehr-news")
    );
    let sel = session(&h).selection.annotations().to_vec();
    assert!(sel == [three.clone()] || sel == [claim.clone()], "{sel:?}");
    // Ctrl+Shift+C again hides it.
    open_compare(&mut h);
    assert!(!h.state().compare.open);
}

#[test]
fn shift_g_names_a_cluster_g_adds_and_x_removes_each_one_undo_step() {
    let (p, mut h) = open_sample();
    let vehicles = id(&h, "mehr-news", "seven vehicles");
    let four = id(&h, "mehr-news", "at least four");
    let troops = id(&h, "iran-news", "around 5,200 US troops");
    h.state_mut()
        .push(sourcemark::ui::command::Command::SelectAnnotation(
            vehicles.clone(),
        ));
    h.run();
    h.state_mut()
        .push(sourcemark::ui::command::Command::ClickAnnotation(
            four.clone(),
            true,
        ));
    h.run();
    assert_eq!(session(&h).selection.annotations().len(), 2);
    h.key_press_modifiers(Modifiers::SHIFT, Key::G);
    h.run();
    h.run();
    assert!(h.state().compare.open, "the view opened for the name");
    h.get_by(|n| n.data().placeholder() == Some("New cluster from selection"))
        .type_text("Convoy attack");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.run();
    let s = session(&h);
    let c = s
        .project()
        .clusters
        .iter()
        .find(|c| c.name == "Convoy attack")
        .expect("made")
        .id
        .clone();
    let members = |h: &H| -> Vec<AnnotationId> {
        session(h)
            .project()
            .cluster_members(&c)
            .map(|a| a.id.clone())
            .collect()
    };
    assert_eq!(members(&h).len(), 2);
    assert_eq!(s.history.undo_name(), Some("New cluster “Convoy attack”"));
    assert_eq!(
        h.state().compare.cluster.as_ref(),
        Some(&c),
        "the view shows it"
    );
    // G adds the selection to the cluster shown.
    h.state_mut()
        .push(sourcemark::ui::command::Command::SelectAnnotation(
            troops.clone(),
        ));
    h.run();
    h.key_press(Key::G);
    h.run();
    assert!(members(&h).contains(&troops));
    // × on a row takes it out; undo puts it back.
    let xs = h.query_all_by_label("×").count();
    assert_eq!(xs, 3, "one per row");
    h.query_all_by_label("×").next().unwrap().click();
    h.run();
    assert_eq!(
        members(&h).len(),
        2,
        "{:?}",
        session(&h).history.undo_name()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(members(&h).len(), 3);
    // Ctrl+Shift+G takes the selection out of the cluster shown; undo puts it back.
    h.state_mut()
        .push(sourcemark::ui::command::Command::SelectAnnotation(
            troops.clone(),
        ));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    h.run();
    assert!(!members(&h).contains(&troops));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(members(&h).contains(&troops));
    // Save table… writes the rows as CSV where the chooser says.
    use_builtin_chooser(&mut h);
    h.get_by_label("Save table…").click();
    h.run();
    type_chooser_path(&mut h, p.dir.path());
    replace_text(&mut h, "File name", "convoy.csv");
    h.key_press(Key::Enter);
    h.run();
    let csv = std::fs::read_to_string(p.dir.path().join("convoy.csv")).unwrap();
    assert!(
        csv.starts_with("cluster,outlet,published,label,text,value"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 4, "{csv}");
    assert!(
        csv.contains("Convoy attack,Mehr News Agency,2022-01-01,figure,seven vehicles,7"),
        "{csv}"
    );
    // Undo all three steps: no cluster.
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert!(session(&h).project().cluster(&c).is_none());
}
