"""English cue words for the 21 cooperation domains (regexes, see the id module)."""

from __future__ import annotations

DOMAIN_CUES: dict[str, tuple[str, ...]] = {
    "smart_city": (
        r"smart ?cit(?:y|ies)", r"e-government", r"digital(?:isation|ization)?", r"ict",
        r"information technology", r"command cent(?:er|re)", r"cctv",
    ),
    "transport": (
        r"transport(?:ation)?", r"public transport", r"traffic", r"buses", r"bus", r"rail(?:way)?s?",
        r"metro", r"cycling", r"walking", r"mobility", r"vehicles?",
    ),
    "economy_trade": (
        r"econom(?:y|ic)", r"trade", r"trading", r"investment", r"invest",
        r"commerce", r"exports?", r"imports?",
    ),
    "creative_economy": (
        r"creative economy", r"creative industr(?:y|ies)", r"small business(?:es)?", r"smes?", r"msmes?",
        r"handicrafts?", r"crafts?",
    ),
    "industry": (r"industr(?:y|ial)", r"manufacturing", r"industrial promotion"),
    "tourism": (r"touris(?:m|t|ts)", r"visitors?"),
    "culture": (r"cultur(?:e|al)", r"arts?", r"heritage", r"music", r"dance"),
    "education": (
        r"education(?:al)?", r"scholarships?", r"schools?", r"universit(?:y|ies)", r"students?",
        r"student exchange", r"teachers?", r"academic",
    ),
    "human_resources": (
        r"human resources?", r"capacity building", r"training", r"staff exchange", r"internships?",
        r"skills",
    ),
    "health": (r"health(?:care)?", r"hospitals?", r"medical", r"nursing", r"nurses?"),
    "environment": (
        r"environment(?:al)?", r"waste", r"green spaces?", r"pollution", r"clean(?:ing)? (?:up )?(?:the )?air",
        r"air quality", r"climate(?: change)?", r"emissions", r"low[- ]carbon", r"recycling",
        r"conservation", r"coral reefs?", r"biodiversity", r"forests?", r"mangroves?",
    ),
    "water_sanitation": (
        r"water", r"sanitation", r"wastewater", r"sewage", r"drainage", r"clean water", r"retention basins?",
        r"pumping stations?", r"water supply", r"piped water",
    ),
    "urban_planning": (
        r"urban planning", r"city planning", r"spatial plan(?:s|ning)?", r"infrastructure", r"housing",
        r"urban development", r"zoning", r"urban renewal",
    ),
    "governance": (r"governance", r"public services?", r"administration", r"bureaucracy"),
    "disaster_management": (
        r"disaster(?: management| risk)?", r"flood management", r"flood control", r"emergency management",
        r"flood (?:defences|defenses|protection|prevention|mitigation)", r"dikes?", r"levees?", r"sea walls?",
        r"coastal protection", r"early warning", r"evacuation",
    ),
    "agriculture_food": (
        r"agricultur(?:e|al)", r"farming", r"food", r"fisheries", r"fishing", r"aquaculture", r"livestock",
    ),
    "science_technology": (r"science", r"technolog(?:y|ies)", r"research", r"innovation"),
    "youth_sports": (r"youth", r"sports?", r"young people"),
    "social_welfare": (r"social welfare", r"welfare", r"poverty"),
    "energy": (r"energy", r"electricity", r"renewables?", r"solar"),
    "security": (r"security", r"public order", r"policing"),
}
