"""Assessment (绩效考核): cycles, scorecard templates, 360° reviews, scorecards with computed
scores and grades, calibration, feedback interviews and improvement plans."""

from salestarget.assessment.models.cycles import (
    OPEN_STEPS,
    AssessmentCycle,
    CycleKind,
    CycleStep,
    DistributionGroup,
    Enforcement,
)
from salestarget.assessment.models.feedback import (
    FeedbackInterview,
    ImprovementAction,
    ImprovementPlan,
    PlanStatus,
)
from salestarget.assessment.models.reviews import Review, ReviewAnswer, ReviewStatus
from salestarget.assessment.models.scorecards import (
    CalibrationSession,
    GradeChange,
    Scorecard,
    ScorecardLine,
)
from salestarget.assessment.models.templates import (
    ItemKind,
    RuleKind,
    ScorecardTemplate,
    TemplateItem,
)

__all__ = [
    "OPEN_STEPS",
    "AssessmentCycle",
    "CalibrationSession",
    "CycleKind",
    "CycleStep",
    "DistributionGroup",
    "Enforcement",
    "FeedbackInterview",
    "GradeChange",
    "ImprovementAction",
    "ImprovementPlan",
    "ItemKind",
    "PlanStatus",
    "Review",
    "ReviewAnswer",
    "ReviewStatus",
    "RuleKind",
    "Scorecard",
    "ScorecardLine",
    "ScorecardTemplate",
    "TemplateItem",
]
