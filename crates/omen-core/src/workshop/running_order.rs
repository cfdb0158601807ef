//! The running order of the 90-minute workshop (`workshop/running-order.json`): blocks of time in
//! order, each with its title, the lessons or challenges it uses and the point the teacher lands,
//! in English and Japanese. Presenter mode walks it block by block; this module reads and
//! validates it.

use super::adapter::Text;
use super::library::{CHALLENGE_IDS, LESSON_IDS};
use super::material::{read, text, Problem};
use serde::{Deserialize, Serialize};

/// The workshop's own running order, as JSON text.
pub const RUNNING_ORDER: &str = include_str!("../../../../workshop/running-order.json");

/// A workshop's running order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunningOrder {
    /// The session's title.
    pub title: Text,
    /// The blocks, in the order they are taught.
    pub blocks: Vec<Block>,
}

/// One block of a running order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// When it starts, in minutes from the session's start.
    pub start: u32,
    /// How long it takes, discussion included.
    pub minutes: u32,
    /// Its title.
    pub title: Text,
    /// The lessons (`lesson:<id>`) and challenges (`challenge:<id>`) it uses, if any.
    #[serde(default)]
    pub items: Vec<String>,
    /// The point the teacher lands in it.
    pub point: Text,
}

/// What a block's item names: a lesson or a challenge, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockItem<'a> {
    /// A lesson of the workshop.
    Lesson(&'a str),
    /// A challenge of the workshop.
    Challenge(&'a str),
}

impl<'a> BlockItem<'a> {
    /// Read `lesson:<id>` or `challenge:<id>` naming one of the workshop's files.
    pub fn parse(item: &'a str) -> Option<Self> {
        if let Some(id) = item.strip_prefix("lesson:") {
            LESSON_IDS.contains(&id).then_some(Self::Lesson(id))
        } else if let Some(id) = item.strip_prefix("challenge:") {
            CHALLENGE_IDS.contains(&id).then_some(Self::Challenge(id))
        } else {
            None
        }
    }
}

impl RunningOrder {
    /// Read and validate a running order.
    pub fn from_json(text: &str) -> Result<Self, Vec<Problem>> {
        let order: Self = read(text, "running order")?;
        let problems = order.validate();
        if problems.is_empty() {
            Ok(order)
        } else {
            Err(problems)
        }
    }

    /// The workshop's own running order.
    pub fn workshop() -> Result<Self, Vec<Problem>> {
        Self::from_json(RUNNING_ORDER)
    }

    /// Minutes from the first block's start to the last one's end.
    pub fn total_minutes(&self) -> u32 {
        self.blocks.last().map_or(0, |block| block.start + block.minutes)
    }

    /// Everything wrong with it: texts in both languages, blocks that follow one another
    /// without gap or overlap from minute 0, lengths of 1 to 30 minutes, items naming the
    /// workshop's lessons and challenges.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        text("/title", &self.title, &mut out);
        if self.blocks.is_empty() {
            out.push(Problem::new("/blocks", "the running order has no blocks", None));
        }
        let mut end = 0;
        for (index, block) in self.blocks.iter().enumerate() {
            let at = format!("/blocks/{index}");
            text(&format!("{at}/title"), &block.title, &mut out);
            text(&format!("{at}/point"), &block.point, &mut out);
            if block.start != end {
                out.push(Problem::new(
                    format!("{at}/start"),
                    format!("the block starts at minute `{}` but the one before it ends at `{end}`", block.start),
                    Some("blocks follow one another without a gap or an overlap, from minute 0"),
                ));
            }
            if !(1..=30).contains(&block.minutes) {
                out.push(Problem::new(
                    format!("{at}/minutes"),
                    format!("`{}` minutes is not a block's length", block.minutes),
                    Some("a block takes 1 to 30 minutes"),
                ));
            }
            end = block.start + block.minutes;
            for (position, item) in block.items.iter().enumerate() {
                if BlockItem::parse(item).is_none() {
                    out.push(Problem::new(
                        format!("{at}/items/{position}"),
                        format!("`{item}` names no lesson or challenge of the workshop"),
                        Some("write `lesson:<id>` or `challenge:<id>` with an id from `workshop/lessons` or `workshop/challenges`"),
                    ));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    #[test]
    fn the_workshops_order_reads_and_takes_ninety_minutes() {
        let order = RunningOrder::workshop().unwrap();
        assert_eq!(order.total_minutes(), 90);
        assert_eq!(order.blocks.len(), 13);
        assert_eq!(BlockItem::parse(&order.blocks[0].items[0]), Some(BlockItem::Lesson("mask")));
    }

    /// The README's table (workshop/README.md, "A 90-minute workshop") and the file the page
    /// reads agree: each block's times, and each of its lessons and challenges, are on its row.
    #[test]
    fn the_readme_table_agrees_with_the_file() {
        let readme = include_str!("../../../../workshop/README.md");
        let order = RunningOrder::workshop().unwrap();
        let clock = |minutes: u32| format!("{}:{:02}", minutes / 60, minutes % 60);
        for block in &order.blocks {
            let times = format!("| {}–{} |", clock(block.start), clock(block.start + block.minutes));
            let row = readme.lines().find(|line| line.starts_with(&times));
            let row = row.unwrap_or_else(|| panic!("no README row for {times}"));
            for item in &block.items {
                let id = item.split_once(':').map(|(_, id)| id).unwrap_or_default();
                assert!(row.contains(&format!("`{id}`")), "{times} lacks `{id}`: {row}");
            }
        }
    }

    /// Each broken order is refused at the place that is wrong.
    #[test]
    fn refuses_what_is_wrong_where_it_is() {
        let base: Value = serde_json::from_str(RUNNING_ORDER).unwrap();
        // (what is wrong, the field changed, its new value, where the problem is said to be)
        let cases: Vec<(&str, &str, Value, &str)> = vec![
            ("a gap", "/blocks/1/start", json!(9), "/blocks/1/start"),
            ("an unknown lesson", "/blocks/0/items", json!(["lesson:no-such-lesson"]), "/blocks/0/items/0"),
            ("a lesson named as a challenge", "/blocks/0/items", json!(["challenge:mask"]), "/blocks/0/items/0"),
            ("no Japanese", "/blocks/0/title", json!({"en": "Opening", "ja": "Opening"}), "/blocks/0/title/ja"),
            ("a block too long", "/blocks/0/minutes", json!(45), "/blocks/0/minutes"),
        ];
        for (name, field, value, pointer) in cases {
            let mut broken = base.clone();
            *broken.pointer_mut(field).unwrap() = value;
            let problems = RunningOrder::from_json(&broken.to_string()).unwrap_err();
            assert!(problems.iter().any(|p| p.pointer == pointer), "{name}: {problems:?}");
        }
        let unknown =
            RunningOrder::from_json(r#"{"title": {"en": "x", "ja": "ワークショップ"}, "blocks": [], "extra": 1}"#);
        assert!(unknown.unwrap_err()[0].message.starts_with("the running order cannot be read"));
    }
}
