"""English cue words for the 21 cooperation domains (regexes, see the id module)."""

from __future__ import annotations

DOMAIN_CUES: dict[str, tuple[str, ...]] = {
    "smart_city": (
        r"smart ?cit(?:y|ies)", r"e-government", r"digital(?:isation|ization)?", r"ict",
        r"information technology", r"command cent(?:er|re)", r"cctv",
    ),
    "transport": (
        r"transport(?:ation)?", r"public transport", r"traffic", r"buses", r"bus", r"rail(?:way)?s?", r"metro",
        r"cycling", r"walking", r"mobility", r"vehicles?", r"airlines?", r"logistics", r"trams?", r"light rail",
        r"brt", r"mrt", r"lrt", r"toll roads?",
    ),
    "economy_trade": (
        r"econom(?:y|ic)", r"trade", r"trading", r"investment", r"invest", r"commerce", r"exports?",
        r"imports?",
    ),
    "creative_economy": (
        r"creative economy", r"creative industr(?:y|ies)", r"small business(?:es)?", r"smes?", r"msmes?",
        r"handicrafts?", r"crafts?",
    ),
    "industry": (
        r"industr(?:y|ial)", r"manufacturing", r"industrial promotion",
    ),
    "tourism": (
        r"touris(?:m|t|ts)", r"visitors?", r"eco-?touris(?:m|ts?)", r"hospitality", r"tour packages?",
    ),
    "culture": (
        r"cultur(?:e|al)", r"arts?", r"heritage", r"music", r"dance", r"museums?", r"traditional arts?",
    ),
    "education": (
        r"education(?:al)?", r"scholarships?", r"schools?", r"universit(?:y|ies)", r"students?",
        r"student exchange", r"teachers?", r"academic", r"vocational", r"colleges?", r"lecturers?",
        r"curricul(?:um|a)", r"schooling", r"polytechnics?",
    ),
    "human_resources": (
        r"human resources?", r"capacity building", r"training", r"staff exchange", r"internships?", r"skills",
        r"apprenticeships?", r"workforce", r"vocational training",
    ),
    "health": (
        r"health(?:care)?", r"hospitals?", r"medical", r"nursing", r"nurses?", r"clinics?", r"doctors?",
        r"vaccin(?:es?|ations?)", r"pandemics?", r"diseases?", r"nutrition",
    ),
    "environment": (
        r"environment(?:al)?", r"waste", r"green spaces?", r"pollution", r"clean(?:ing)? (?:up )?(?:the )?air",
        r"air quality", r"climate(?: change)?", r"emissions", r"low[- ]carbon", r"recycling", r"conservation",
        r"coral reefs?", r"biodiversity", r"forests?", r"mangroves?", r"garbage", r"rubbish", r"trash",
        r"plastics?", r"reforestation", r"tree planting",
    ),
    "water_sanitation": (
        r"water", r"sanitation", r"wastewater", r"sewage", r"drainage", r"clean water", r"retention basins?",
        r"pumping stations?", r"water supply", r"piped water", r"sewerage", r"toilets?", r"raw water",
    ),
    "urban_planning": (
        r"urban planning", r"city planning", r"spatial plan(?:s|ning)?", r"infrastructure", r"housing",
        r"urban development", r"zoning", r"urban renewal", r"urban design", r"master ?plans?",
        r"public spaces?", r"slums?", r"urban regeneration", r"land use",
    ),
    "governance": (
        r"governance", r"public services?", r"administration", r"bureaucracy", r"civil service",
        r"public sector",
    ),
    "disaster_management": (
        r"disaster(?: management| risk)?", r"flood management", r"flood control", r"emergency management",
        r"flood (?:defences|defenses|protection|prevention|mitigation)", r"dikes?", r"levees?", r"sea walls?",
        r"coastal protection", r"early warning", r"evacuation", r"fire ?fighting", r"firefighters?",
        r"search and rescue",
    ),
    "agriculture_food": (
        r"agricultur(?:e|al)", r"farming", r"food", r"fisheries", r"fishing", r"aquaculture", r"livestock",
        r"crops?", r"rice", r"horticultur(?:e|al)", r"plantations?", r"farmers?", r"fishermen", r"seafood",
        r"dairy", r"agribusiness",
    ),
    "science_technology": (
        r"science", r"technolog(?:y|ies)", r"research", r"innovation",
    ),
    "youth_sports": (
        r"youth", r"sports?", r"young people", r"athletes?", r"football", r"soccer", r"badminton",
    ),
    "social_welfare": (
        r"social welfare", r"welfare", r"poverty", r"social protection", r"disabilit(?:y|ies)",
    ),
    "energy": (
        r"energy", r"electricity", r"renewables?", r"solar", r"power plants?", r"wind power", r"geothermal",
        r"biogas", r"power supply",
    ),
    "security": (
        r"security", r"public order", r"policing",
    ),
}
