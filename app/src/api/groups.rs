//! The club's groups of athletes: list, create, rename, archive, and who is in which. Coaches
//! and above.

use crate::error::AppError;
use crate::model::Choice;
use domain::{AthleteId, GroupId};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use {
    super::by_name,
    crate::ssr,
    chrono::Utc,
    domain::service::athletes::{self as service},
};

/// A group as its page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupView {
    pub id: GroupId,
    pub name: String,
    pub archived: bool,
    pub version: i64,
    /// Its athletes, by name.
    pub athletes: Vec<Choice>,
}

/// The groups page: every group and the athletes that can be added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupsPage {
    pub groups: Vec<GroupView>,
    pub athletes: Vec<Choice>,
}

/// Every group with its athletes, and the club's active athletes. Coaches only.
#[server(endpoint = "groups")]
pub async fn groups() -> Result<GroupsPage, AppError> {
    let (state, actor) = ssr::member().await?;
    let (groups, athletes) = service::groups_page(&*state.store, &actor).await?;
    let name = |id: &AthleteId| {
        athletes.iter().find(|a| a.id == *id).map(|a| Choice {
            id: a.id.0,
            name: a.full_name(),
        })
    };
    Ok(GroupsPage {
        groups: groups
            .iter()
            .map(|g| GroupView {
                id: g.id,
                name: g.name.clone(),
                archived: g.archived,
                version: g.version,
                athletes: by_name(g.athletes.iter().filter_map(name).collect()),
            })
            .collect(),
        athletes: by_name(
            athletes
                .iter()
                .filter(|a| !a.archived)
                .filter_map(|a| name(&a.id))
                .collect(),
        ),
    })
}

#[server(endpoint = "create_group")]
pub async fn create_group(#[server(default)] name: String) -> Result<GroupId, AppError> {
    let (state, actor) = ssr::member().await?;
    Ok(service::create_group(&*state.store, &actor, &name, Utc::now())
        .await?
        .id)
}

#[server(endpoint = "rename_group")]
pub async fn rename_group(
    id: GroupId,
    version: i64,
    #[server(default)] name: String,
) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::rename_group(&*state.store, &actor, id, &name, version).await?;
    Ok(())
}

#[server(endpoint = "archive_group")]
pub async fn archive_group(id: GroupId, version: i64, archived: bool) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::set_group_archived(&*state.store, &actor, id, archived, version, Utc::now()).await?;
    Ok(())
}

#[server(endpoint = "set_in_group")]
pub async fn set_in_group(group_id: GroupId, athlete_id: AthleteId, member: bool) -> Result<(), AppError> {
    let (state, actor) = ssr::member().await?;
    service::set_in_group(&*state.store, &actor, group_id, athlete_id, member).await?;
    Ok(())
}
